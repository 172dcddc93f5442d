/** Display helpers for 找车位 / 找厕所. Pure (unit-tested). */
export const STALE_AFTER_MS = 15 * 60_000

/** "120 米" / "1.2 公里" */
export function formatMeters(m: number): string {
  if (!Number.isFinite(m)) return ''
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}

export interface Freshness {
  stale: boolean
  text: string
}

/** Free-space freshness: stale when the server says so or the reading is older than 15 minutes. */
export function freshness(updatedAt: string | null | undefined, serverStale: boolean, now: Date = new Date()): Freshness {
  if (!updatedAt) return { stale: true, text: '暂无实时数据' }
  const t = Date.parse(updatedAt)
  if (Number.isNaN(t)) return { stale: true, text: '暂无实时数据' }
  const ageMin = Math.max(0, Math.floor((now.getTime() - t) / 60_000))
  const ago = ageMin < 1 ? '刚刚' : ageMin < 60 ? `${ageMin} 分钟前` : ageMin < 24 * 60 ? `${Math.floor(ageMin / 60)} 小时前` : `${Math.floor(ageMin / 1440)} 天前`
  const stale = serverStale || now.getTime() - t > STALE_AFTER_MS
  return { stale, text: stale ? `数据可能已过期（${ago}更新）` : `${ago}更新` }
}

/** Tone of a car park's free spaces for badges and map dots. */
export function freeTone(free: number | null, total: number, stale: boolean): 'ok' | 'warn' | 'off' {
  if (free === null) return 'off'
  if (free <= 0) return 'off'
  if (stale || free < Math.max(3, total * 0.1)) return 'warn'
  return 'ok'
}

/** Amap web link (GCJ-02) for H5 outside WeChat, where openLocation has no map to open. */
export function amapMarkerUrl(p: { lat: number; lng: number; name: string }): string {
  return `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(p.name)}&coordinate=gaode&callnative=1&src=chengguantong`
}
