import { describe, expect, it } from 'vitest'
import { amapMarkerUrl, formatMeters, freeTone, freshness } from './format'
import { buildSketchSvg, clusterScreenPoints, ringsOf, scaleBar } from './sketch'

describe('freshness of free-space readings', () => {
  const now = new Date('2026-11-27T10:00:00Z')
  it('fresh within 15 minutes, stale after (数据可能已过期)', () => {
    expect(freshness('2026-11-27T09:59:40Z', false, now)).toEqual({ stale: false, text: '刚刚更新' })
    expect(freshness('2026-11-27T09:46:00Z', false, now)).toEqual({ stale: false, text: '14 分钟前更新' })
    expect(freshness('2026-11-27T09:44:00Z', false, now)).toEqual({ stale: true, text: '数据可能已过期（16 分钟前更新）' })
    expect(freshness('2026-11-27T07:00:00Z', false, now).text).toBe('数据可能已过期（3 小时前更新）')
  })
  it('trusts the server flag, and no reading is stale', () => {
    expect(freshness('2026-11-27T09:59:00Z', true, now).stale).toBe(true)
    expect(freshness(null, false, now)).toEqual({ stale: true, text: '暂无实时数据' })
    expect(freshness('garbage', false, now).stale).toBe(true)
  })
  it('tones: none/full grey, few or stale orange, else green', () => {
    expect(freeTone(null, 100, false)).toBe('off')
    expect(freeTone(0, 100, false)).toBe('off')
    expect(freeTone(5, 100, false)).toBe('warn')
    expect(freeTone(50, 100, true)).toBe('warn')
    expect(freeTone(50, 100, false)).toBe('ok')
  })
})

describe('formatting', () => {
  it('distances', () => {
    expect(formatMeters(35.4)).toBe('35 米')
    expect(formatMeters(999)).toBe('999 米')
    expect(formatMeters(1250)).toBe('1.3 公里')
  })
  it('Amap link (lng,lat order, GCJ-02)', () => {
    expect(amapMarkerUrl({ lat: 29.35, lng: 113.12, name: '破窑咀 停车场' })).toBe(
      'https://uri.amap.com/marker?position=113.12,29.35&name=%E7%A0%B4%E7%AA%91%E5%92%80%20%E5%81%9C%E8%BD%A6%E5%9C%BA&coordinate=gaode&callnative=1&src=chengguantong',
    )
  })
})

describe('H5 sketch', () => {
  const square = (lng: number, lat: number, d: number) => [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]]
  it('reads Polygon and MultiPolygon rings', () => {
    expect(ringsOf({ type: 'Polygon', coordinates: square(0, 0, 1) })).toHaveLength(1)
    expect(ringsOf({ type: 'MultiPolygon', coordinates: [square(0, 0, 1), square(2, 2, 1)] })).toHaveLength(2)
    expect(ringsOf({ type: 'Point', coordinates: [1, 2] })).toEqual([])
    expect(ringsOf(undefined)).toEqual([])
  })
  it('draws outlines, the centre and numbered dots inside the frame; escapes names', () => {
    const svg = buildSketchSvg({
      districts: [{ code: '430602', name: '岳阳<楼>区', center: { lat: 29.36, lng: 113.13 }, geometry: { type: 'Polygon', coordinates: square(113.1, 29.33, 0.06) } }],
      origin: { lat: 29.36, lng: 113.13 },
      points: [
        { lat: 29.365, lng: 113.135, tone: 'ok', label: '1' },
        { lat: 29.35, lng: 113.12, tone: 'off', label: '2' },
      ],
      width: 600,
      height: 300,
    })
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('<path d="M')
    expect(svg).toContain('岳阳&#60;楼&#62;区')
    expect(svg.match(/<text[^>]*>1<\/text>/)).toBeTruthy()
    // every dot inside the 600×300 frame
    const circles = [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)" r="15"/g)].map((m) => [Number(m[1]), Number(m[2])])
    expect(circles).toHaveLength(2)
    for (const [x, y] of circles) {
      expect(x).toBeGreaterThan(0)
      expect(x).toBeLessThan(600)
      expect(y).toBeGreaterThan(0)
      expect(y).toBeLessThan(300)
    }
    // north is up: point 1 (further north) is drawn above point 2
    const [c2, c1] = circles // drawn far-to-near: label 2 first
    expect(c1![1]).toBeLessThan(c2![1])
  })
  it('an overview inset shows every district and the close-up frame inside it', () => {
    const svg = buildSketchSvg({
      districts: [
        { code: 'a', name: 'A', geometry: { type: 'Polygon', coordinates: square(113.0, 29.3, 0.1) } },
        { code: 'b', name: 'B', geometry: { type: 'MultiPolygon', coordinates: [square(113.1, 29.3, 0.1)] } },
      ],
      origin: { lat: 29.35, lng: 113.05 },
      points: [{ lat: 29.352, lng: 113.052, tone: 'ok', label: '1' }],
      width: 600,
      height: 300,
    })
    const frame = /<rect class="inset-frame" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg)
    expect(frame).toBeTruthy()
    const [fx, fy, fw, fh] = frame!.slice(1).map(Number) as [number, number, number, number]
    // inside the 170×130 inset at the top right
    expect(fx).toBeGreaterThanOrEqual(600 - 180)
    expect(fx + fw).toBeLessThanOrEqual(600 - 10)
    expect(fy).toBeGreaterThanOrEqual(10)
    expect(fy + fh).toBeLessThanOrEqual(140)
    expect(svg.match(/stroke-width="1.2"/g)).toHaveLength(2)
  })
  it('no districts, no inset', () => {
    expect(buildSketchSvg({ districts: [], origin: { lat: 29.36, lng: 113.13 }, points: [] })).not.toContain('inset-frame')
  })
  it('a single point still gets a sensible frame', () => {
    expect(() => buildSketchSvg({ districts: [], origin: { lat: 29.36, lng: 113.13 }, points: [] })).not.toThrow()
  })
  it('clusters dots that would overlap, keeps apart ones single, and keeps every dot off the scale band', () => {
    expect(clusterScreenPoints([{ x: 10, y: 10 }, { x: 20, y: 15 }, { x: 100, y: 100 }, { x: 12, y: 40 }], 34).map((c) => c.members)).toEqual([[0, 1, 3], [2]])
    const svg = buildSketchSvg({
      districts: [],
      origin: { lat: 29.36, lng: 113.13 },
      points: [
        { lat: 29.3601, lng: 113.1301, tone: 'off', label: '1' },
        { lat: 29.3602, lng: 113.1300, tone: 'ok', label: '2' },
        { lat: 29.3600, lng: 113.1302, tone: 'off', label: '3' },
        { lat: 29.35, lng: 113.12, tone: 'off', label: '4' },
      ],
      width: 600,
      height: 300,
    })
    expect(svg.match(/class="cluster"/g)).toHaveLength(1)
    expect(svg).toMatch(/<circle class="cluster"[^>]*fill="#16a34a"/) // an open one inside: green
    expect(svg).toMatch(/class="cluster-count"[^>]*>3处<\/text>/)
    expect(svg.match(/r="15"/g)).toHaveLength(1) // 4 stays on its own
    // the result dots and bubbles (not the search centre's halo, which has no class and r 22)
    const ys = [...svg.matchAll(/<circle (class="cluster" )?cx="[\d.-]+" cy="([\d.-]+)" r="(15|22)"/g)].filter((m) => m[3] === '15' || m[1]).map((m) => Number(m[2]))
    expect(ys.length).toBe(2)
    for (const y of ys) expect(y).toBeLessThan(300 - 44)
  })
  it('scale bar picks a round length', () => {
    expect(scaleBar(10, 400)).toMatchObject({ meters: 1000, px: 100, label: '1 公里' })
    expect(scaleBar(1, 400)).toMatchObject({ meters: 100, label: '100 米' })
  })
})
