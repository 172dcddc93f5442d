import type { TicketMapMarker } from '@cgt/shared/schemas/map';

/** Marker colours: overdue above all, then the state (the queue's tag colours). */
export const MARKER_COLORS = {
  overdue: '#cf1322',
  submitted: '#fa8c16',
  accepted: '#1677ff',
  dispatched: '#722ed1',
  resolved: '#52c41a',
} as const;

export function markerColor(m: Pick<TicketMapMarker, 'status' | 'overdue'>): string {
  if (m.overdue) return MARKER_COLORS.overdue;
  return (MARKER_COLORS as Record<string, string>)[m.status] ?? '#8c8c8c';
}

/** A cluster takes the colour of its most pressing member: any overdue → red, else the commonest state. */
export function clusterColor(members: readonly Pick<TicketMapMarker, 'status' | 'overdue'>[]): string {
  if (members.some((m) => m.overdue)) return MARKER_COLORS.overdue;
  const n = new Map<string, number>();
  for (const m of members) n.set(m.status, (n.get(m.status) ?? 0) + 1);
  let best = '';
  let max = 0;
  for (const [s, c] of n) if (c > max) [best, max] = [s, c];
  return markerColor({ status: best, overdue: false });
}
