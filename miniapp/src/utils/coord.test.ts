import { describe, expect, it } from 'vitest'
import { formatLatLng, isPlausibleChinaPoint, wgs84ToGcj02 } from './coord'

describe('WGS-84 → GCJ-02', () => {
  it('shifts a Yueyang point by a few hundred metres north-east-ish as GCJ-02 does', () => {
    // 岳阳楼 area, WGS-84
    const g = wgs84ToGcj02({ lat: 29.3757, lng: 113.0929 })
    const dLat = g.lat - 29.3757
    const dLng = g.lng - 113.0929
    expect(dLat).toBeLessThan(0)
    expect(dLng).toBeGreaterThan(0)
    // offset in Yueyang is ~200–700 m
    const metres = Math.hypot(dLat * 111_000, dLng * 111_000 * Math.cos((29.37 * Math.PI) / 180))
    expect(metres).toBeGreaterThan(200)
    expect(metres).toBeLessThan(800)
  })
  it('matches the reference gcj02 transform to 1e-5', () => {
    // Reference value for Beijing Tiananmen (WGS 39.908720,116.397450 → GCJ ~39.910123,116.403693)
    const g = wgs84ToGcj02({ lat: 39.90872, lng: 116.39745 })
    expect(g.lat).toBeCloseTo(39.91013, 3)
    expect(g.lng).toBeCloseTo(116.40369, 3)
  })
  it('rounds to 6 decimals so resends produce the same body', () => {
    const g = wgs84ToGcj02({ lat: 29.123456789, lng: 113.123456789 })
    expect(String(g.lat).split('.')[1]!.length).toBeLessThanOrEqual(6)
  })
})

describe('helpers', () => {
  it('plausibility and formatting', () => {
    expect(isPlausibleChinaPoint({ lat: 29.37, lng: 113.09 })).toBe(true)
    expect(isPlausibleChinaPoint({ lat: 0, lng: 0 })).toBe(false)
    expect(isPlausibleChinaPoint({ lat: NaN, lng: 113 })).toBe(false)
    expect(formatLatLng({ lat: 29.3757, lng: 113.0929 })).toBe('29.37570, 113.09290')
  })
})
