import type { RoutingResult } from '../../services/types'

/** "君山区 · 柳林洲街道": the district and the nearest street unit (else the functional zone, else the district alone). */
export function placeLabel(r: Pick<RoutingResult, 'district' | 'zone' | 'street'>): string {
  const second = r.street?.name ?? r.zone?.name
  return second ? `${r.district.name} · ${second}` : r.district.name
}
