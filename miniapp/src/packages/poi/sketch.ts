/**
 * A static sketch for H5 (no map SDK, no key): district outlines from /api/v1/districts?withGeometry=1,
 * the search centre and numbered dots for the results, drawn as an SVG string. Pure (unit-tested).
 * Coordinates are GCJ-02 like everything else; an equirectangular projection is plenty at city scale.
 */
export interface SketchDistrict {
  code: string
  name: string
  center?: { lat: number; lng: number }
  geometry?: { type?: string; coordinates?: unknown }
}

export interface SketchPoint {
  lat: number
  lng: number
  /** ok = green (free spaces / open), warn = orange (few / stale), off = grey (full / closed) */
  tone: 'ok' | 'warn' | 'off'
  label: string
}

export interface SketchInput {
  districts: SketchDistrict[]
  origin: { lat: number; lng: number }
  points: SketchPoint[]
  width?: number
  height?: number
}

const TONES = { ok: '#16a34a', warn: '#d97706', off: '#8a94a6' }
/** Height of the band at the bottom kept for the scale bar and the caption. */
const SCALE_BAND = 44
/** Closer than this, dots (r = 15) or bubbles (r = 22) would touch: they are drawn as one bubble. */
const CLUSTER_PX = 48

export interface ScreenCluster {
  x: number
  y: number
  /** indexes into the input, in input order (the list's order: nearest first) */
  members: number[]
}

/**
 * Greedy clustering on screen positions: each point joins the first cluster whose first point is within
 * `radius`, else starts one. Points come nearest-first, so a cluster sits where its nearest member is.
 * O(points × clusters): a page of results is at most a few dozen.
 */
export function clusterScreenPoints(pts: { x: number; y: number }[], radius: number): ScreenCluster[] {
  const out: ScreenCluster[] = []
  const r2 = radius * radius
  pts.forEach((p, i) => {
    const c = out.find((g) => (g.x - p.x) ** 2 + (g.y - p.y) ** 2 < r2)
    if (c) c.members.push(i)
    else out.push({ x: p.x, y: p.y, members: [i] })
  })
  return out
}
const M_PER_DEG = 111320

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Rings of a GeoJSON Polygon or MultiPolygon as [lng, lat][] lists. */
export function ringsOf(geometry: SketchDistrict['geometry']): number[][][] {
  if (!geometry || !Array.isArray(geometry.coordinates)) return []
  const c = geometry.coordinates as unknown[]
  if (geometry.type === 'Polygon') return c as number[][][]
  if (geometry.type === 'MultiPolygon') return (c as number[][][][]).flat()
  return []
}

/** A nice round length for the scale bar (≈ a quarter of the width). */
export function scaleBar(metersPerPx: number, width: number): { meters: number; px: number; label: string } {
  const target = (metersPerPx * width) / 4
  const steps = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]
  const meters = steps.reduce((best, s) => (Math.abs(s - target) < Math.abs(best - target) ? s : best), steps[0]!)
  return { meters, px: meters / metersPerPx, label: meters >= 1000 ? `${meters / 1000} 公里` : `${meters} 米` }
}

export function buildSketchSvg({ districts, origin, points, width = 690, height = 380 }: SketchInput): string {
  const all = [origin, ...points]
  let minLat = Math.min(...all.map((p) => p.lat))
  let maxLat = Math.max(...all.map((p) => p.lat))
  let minLng = Math.min(...all.map((p) => p.lng))
  let maxLng = Math.max(...all.map((p) => p.lng))
  const cLat = (minLat + maxLat) / 2
  const cLng = (minLng + maxLng) / 2
  const k = Math.cos((cLat * Math.PI) / 180)
  // at least ~1.2 km across, 12 % padding
  const spanLat = Math.max(maxLat - minLat, 0.011) * 1.24
  const spanLng = Math.max((maxLng - minLng) * k, 0.011) * 1.24
  // the bottom band belongs to the scale bar: no dot is ever drawn over it
  const plotH = height - SCALE_BAND
  const s = Math.max(spanLng / width, spanLat / plotH) // degrees (of latitude) per pixel
  minLat = cLat - (plotH / 2) * s - SCALE_BAND * s
  maxLat = cLat + (plotH / 2) * s
  minLng = cLng - ((width / 2) * s) / k
  maxLng = cLng + ((width / 2) * s) / k
  const x = (lng: number) => width / 2 + ((lng - cLng) * k) / s
  const y = (lat: number) => plotH / 2 - (lat - cLat) / s
  const r1 = (n: number) => Math.round(n * 10) / 10

  const parts: string[] = []
  parts.push(`<rect width="${width}" height="${height}" fill="#e9eef5"/>`)
  for (const d of districts) {
    for (const ring of ringsOf(d.geometry)) {
      let path = ''
      let px = NaN
      let py = NaN
      for (const pt of ring) {
        const X = x(pt[0]!)
        const Y = y(pt[1]!)
        if (path && Math.abs(X - px) < 1.5 && Math.abs(Y - py) < 1.5) continue
        path += `${path ? 'L' : 'M'}${r1(X)} ${r1(Y)}`
        px = X
        py = Y
      }
      if (path) parts.push(`<path d="${path}Z" fill="#fbfcfe" stroke="#8fa3bf" stroke-width="2" stroke-dasharray="8 5"/>`)
    }
  }
  for (const d of districts) {
    const c = d.center
    if (!c || c.lat < minLat || c.lat > maxLat || c.lng < minLng || c.lng > maxLng) continue
    parts.push(`<text x="${r1(x(c.lng))}" y="${r1(y(c.lat))}" font-size="26" fill="#8fa3bf" text-anchor="middle" font-family="sans-serif">${esc(d.name)}</text>`)
  }
  // origin: blue dot with a halo
  parts.push(`<circle cx="${r1(x(origin.lng))}" cy="${r1(y(origin.lat))}" r="22" fill="#1d63d8" fill-opacity="0.15"/>`)
  parts.push(`<circle cx="${r1(x(origin.lng))}" cy="${r1(y(origin.lat))}" r="9" fill="#1d63d8" stroke="#fff" stroke-width="3"/>`)
  // dots that would touch merge into one bubble with their count;
  // far groups first, so the nearest (1, 2, …) end up on top
  const groups = clusterScreenPoints(points.map((p) => ({ x: x(p.lng), y: y(p.lat) })), CLUSTER_PX)
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!
    const X = r1(group.x)
    const Y = r1(group.y)
    if (group.members.length === 1) {
      const p = points[group.members[0]!]!
      parts.push(`<circle cx="${X}" cy="${Y}" r="15" fill="${TONES[p.tone]}" stroke="#fff" stroke-width="3"/>`)
      parts.push(`<text x="${X}" y="${r1(Y + 6)}" font-size="16" font-weight="bold" fill="#fff" text-anchor="middle" font-family="sans-serif">${esc(p.label)}</text>`)
      continue
    }
    const members = group.members.map((i) => points[i]!)
    // the group's colour is its best member's: an open toilet or a car park with space is worth the walk
    const tone = members.some((p) => p.tone === 'ok') ? 'ok' : members.some((p) => p.tone === 'warn') ? 'warn' : 'off'
    // "3处": a count, told apart from the list numbers on single dots
    parts.push(`<circle class="cluster" cx="${X}" cy="${Y}" r="22" fill="${TONES[tone]}" fill-opacity="0.92" stroke="#fff" stroke-width="4"/>`)
    parts.push(`<text class="cluster-count" x="${X}" y="${r1(Y + 6)}" font-size="17" font-weight="bold" fill="#fff" text-anchor="middle" font-family="sans-serif">${members.length}处</text>`)
  }
  parts.push(overviewInset(districts, { minLat, maxLat, minLng, maxLng }, width))
  const bar = scaleBar(s * M_PER_DEG, width)
  const bx = 20
  const by = height - 22
  parts.push(`<rect class="scale-band" x="0" y="${height - SCALE_BAND}" width="${width}" height="${SCALE_BAND}" fill="#ffffff" fill-opacity="0.85"/>`)
  parts.push(`<path d="M${bx} ${by - 8}V${by}H${r1(bx + bar.px)}V${by - 8}" fill="none" stroke="#4a5568" stroke-width="3"/>`)
  parts.push(`<text x="${r1(bx + bar.px + 10)}" y="${by}" font-size="20" fill="#4a5568" font-family="sans-serif">${bar.label}</text>`)
  parts.push(`<text x="${width - 16}" y="${height - 16}" font-size="18" fill="#8a94a6" text-anchor="end" font-family="sans-serif">示意图 · 区界为示例</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`
}

/**
 * Top-right inset: every district outline at city scale with the main view's frame as a red box, so the
 * resident sees where in 岳阳 the close-up is (the close-up is usually inside one district).
 */
export function overviewInset(
  districts: SketchDistrict[],
  frame: { minLat: number; maxLat: number; minLng: number; maxLng: number },
  width: number,
  size = { w: 170, h: 130 },
): string {
  const rings = districts.flatMap((d) => ringsOf(d.geometry))
  if (!rings.length) return ''
  let a = Infinity
  let b = -Infinity
  let c = Infinity
  let d = -Infinity
  for (const ring of rings)
    for (const pt of ring) {
      a = Math.min(a, pt[1]!)
      b = Math.max(b, pt[1]!)
      c = Math.min(c, pt[0]!)
      d = Math.max(d, pt[0]!)
    }
  a = Math.min(a, frame.minLat)
  b = Math.max(b, frame.maxLat)
  c = Math.min(c, frame.minLng)
  d = Math.max(d, frame.maxLng)
  const k = Math.cos((((a + b) / 2) * Math.PI) / 180)
  const pad = 8
  const s = Math.max(((d - c) * k) / (size.w - 2 * pad), (b - a) / (size.h - 2 * pad))
  const ox = width - size.w - 10
  const oy = 10
  const x = (lng: number) => Math.round((ox + size.w / 2 + ((lng - (c + d) / 2) * k) / s) * 10) / 10
  const y = (lat: number) => Math.round((oy + size.h / 2 - (lat - (a + b) / 2) / s) * 10) / 10
  const out: string[] = [`<rect x="${ox}" y="${oy}" width="${size.w}" height="${size.h}" rx="8" fill="#ffffff" fill-opacity="0.92" stroke="#c5d0de"/>`]
  for (const ring of rings) {
    let path = ''
    let px = NaN
    let py = NaN
    for (const pt of ring) {
      const X = x(pt[0]!)
      const Y = y(pt[1]!)
      if (path && Math.abs(X - px) < 1 && Math.abs(Y - py) < 1) continue
      path += `${path ? 'L' : 'M'}${X} ${Y}`
      px = X
      py = Y
    }
    if (path) out.push(`<path d="${path}Z" fill="#eef3f8" stroke="#8fa3bf" stroke-width="1.2"/>`)
  }
  const fx = x(frame.minLng)
  const fy = y(frame.maxLat)
  const fw = Math.max(3, x(frame.maxLng) - fx)
  const fh = Math.max(3, y(frame.minLat) - fy)
  out.push(`<rect class="inset-frame" x="${fx}" y="${fy}" width="${Math.round(fw * 10) / 10}" height="${Math.round(fh * 10) / 10}" fill="none" stroke="#d9363e" stroke-width="2"/>`)
  return out.join('')
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}
