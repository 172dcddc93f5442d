/** Dates are stored in UTC and always shown in Asia/Shanghai (UTC+8, no DST). */

const pad = (n: number) => String(n).padStart(2, '0')

function shanghai(iso: string | undefined | null): Date | null {
  if (!iso) return null
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return null
  return new Date(t + 8 * 3600 * 1000)
}

/** "2026-11-27 14:05" in Beijing time ('' when missing). */
export function formatDateTime(iso?: string | null): string {
  const d = shanghai(iso)
  if (!d) return ''
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** "11月27日 14:05" in Beijing time. */
export function formatShort(iso?: string | null): string {
  const d = shanghai(iso)
  if (!d) return ''
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Distance for duplicate hints: "35 米" / "1.2 公里". */
export function formatDistance(m?: number): string {
  if (m === undefined || m === null || !Number.isFinite(m)) return ''
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`
}

/** "138****1234" */
export function maskPhone(p?: string): string {
  if (!p) return ''
  return p.length >= 11 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p
}
