import { describe, expect, it } from 'vitest';
import { clusterColor, markerColor, MARKER_COLORS } from './marker-style';

describe('ticket map colours', () => {
  it('overdue wins over the state', () => {
    expect(markerColor({ status: 'dispatched', overdue: true })).toBe(MARKER_COLORS.overdue);
    expect(markerColor({ status: 'dispatched', overdue: false })).toBe(MARKER_COLORS.dispatched);
  });
  it('a cluster is red with any overdue member, else the commonest state', () => {
    expect(clusterColor([{ status: 'submitted', overdue: false }, { status: 'accepted', overdue: true }])).toBe(MARKER_COLORS.overdue);
    expect(clusterColor([{ status: 'submitted', overdue: false }, { status: 'accepted', overdue: false }, { status: 'accepted', overdue: false }])).toBe(MARKER_COLORS.accepted);
  });
});
