import { describe, expect, it } from 'vitest';
import { COORD_SYSTEMS, EARTH_RADIUS_M, gcj02ToWgs84, haversineMeters, isValidLatLng, toGcj02 } from './coords';

// 岳阳楼 (Yueyang Tower), approx. WGS-84.
const tower = { lat: 29.3806, lng: 113.0912 };

describe('toGcj02', () => {
  it('leaves gcj02 input unchanged (and is the default)', () => {
    expect(toGcj02(tower, 'gcj02')).toEqual(tower);
    expect(toGcj02(tower)).toEqual(tower);
  });
  it('shifts WGS-84 by a few hundred metres in China', () => {
    const g = toGcj02(tower, 'wgs84');
    const shift = haversineMeters(tower, g);
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(1000);
    // In central China GCJ-02 shifts points east by a few hundred metres.
    expect(g.lng).toBeGreaterThan(tower.lng);
  });
  it('round-trips through gcj02ToWgs84 within a metre', () => {
    const back = gcj02ToWgs84(toGcj02(tower, 'wgs84'));
    expect(haversineMeters(back, tower)).toBeLessThan(1);
  });
  it('lists the accepted systems', () => {
    expect(COORD_SYSTEMS).toEqual(['gcj02', 'wgs84']);
  });
});

describe('haversineMeters', () => {
  it('is 0 for the same point and symmetric', () => {
    expect(haversineMeters(tower, tower)).toBe(0);
    const b = { lat: 29.39, lng: 113.1 };
    expect(haversineMeters(tower, b)).toBeCloseTo(haversineMeters(b, tower), 9);
  });
  it('one degree of latitude ≈ 111.2 km', () => {
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo((Math.PI / 180) * EARTH_RADIUS_M, 3);
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1);
  });
  it('50 m east at 29.4° N', () => {
    const dLng = 50 / ((Math.PI / 180) * EARTH_RADIUS_M * Math.cos((29.38 * Math.PI) / 180));
    expect(haversineMeters({ lat: 29.38, lng: 113 }, { lat: 29.38, lng: 113 + dLng })).toBeCloseTo(50, 3);
  });
  it('antipodes = half circumference', () => {
    expect(haversineMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_M, 0);
  });
});

describe('isValidLatLng', () => {
  it.each([
    [{ lat: 29, lng: 113 }, true],
    [{ lat: 91, lng: 113 }, false],
    [{ lat: 29, lng: -181 }, false],
    [{ lat: Number.NaN, lng: 0 }, false],
    [{ lat: 0, lng: Number.POSITIVE_INFINITY }, false],
  ])('%j → %s', (p, ok) => expect(isValidLatLng(p)).toBe(ok));
});
