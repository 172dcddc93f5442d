/**
 * How a place is named to people: district · street unit ("君山区 · 柳林洲街道"), from the routing of a
 * point (district polygon, street-unit zone). Shown wherever a report's location is shown, also when
 * the resident typed no address. Empty parts are left out; empty when nothing is known.
 */
export function placeLabel(districtName?: string | null, zoneName?: string | null): string {
  const parts = [districtName, zoneName].map((s) => (s ?? '').trim()).filter(Boolean);
  // a zone named like its district adds nothing
  return parts.filter((p, i) => i === 0 || p !== parts[0]).join(' · ');
}
