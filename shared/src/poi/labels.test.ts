import { describe, expect, it } from 'vitest';
import { CAR_PARK_KINDS } from '../schemas/parking';
import { TOILET_KINDS } from '../schemas/toilets';
import { CAR_PARK_KIND_LABELS, TOILET_KIND_LABELS, carParkKindLabel, toiletKindLabel } from './labels';

describe('POI type labels', () => {
  it('every stored kind has a label that says what it is', () => {
    expect(Object.keys(TOILET_KIND_LABELS).sort()).toEqual([...TOILET_KINDS].sort());
    expect(Object.keys(CAR_PARK_KIND_LABELS).sort()).toEqual([...CAR_PARK_KINDS].sort());
    for (const k of TOILET_KINDS) expect(toiletKindLabel(k)).toMatch(/厕/);
    for (const k of CAR_PARK_KINDS) expect(carParkKindLabel(k)).toMatch(/停车|泊位/);
  });
  it('固定/移动 read as 固定公厕/移动公厕; an unknown value shows as it is', () => {
    expect(toiletKindLabel('固定')).toBe('固定公厕');
    expect(toiletKindLabel('移动')).toBe('移动公厕');
    expect(toiletKindLabel('其他')).toBe('其他');
  });
});
