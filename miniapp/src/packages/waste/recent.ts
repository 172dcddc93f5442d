/** Recent searches, kept on the device only (never sent to the server). */

export const RECENT_KEY = 'cgt.waste.recent'
export const RECENT_MAX = 10

/** Adds q to the front (moving it if present), trimmed, at most RECENT_MAX entries. */
export function pushRecent(list: string[], q: string, max = RECENT_MAX): string[] {
  const t = q.trim()
  if (!t) return list
  return [t, ...list.filter((x) => x !== t)].slice(0, max)
}

/** Whatever storage held, as a clean list of strings. */
export function parseRecent(raw: unknown): string[] {
  if (!Array.isArray(raw)) return []
  return raw.filter((x): x is string => typeof x === 'string' && x.trim() !== '').slice(0, RECENT_MAX)
}
