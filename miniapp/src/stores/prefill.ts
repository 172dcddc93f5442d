/**
 * A hand-over to the 随手拍 page from another page (e.g. 找厕所 → 报告问题): category and location to
 * pre-fill. Stored once, consumed once by the report page on its next show (tab pages take no query).
 */
import Taro from '@tarojs/taro'
import { sanitizePrefill, type DraftPrefill } from './draft'

export const PREFILL_STORAGE_KEY = 'cgt:report-prefill'

export function savePrefill(p: DraftPrefill) {
  Taro.setStorageSync(PREFILL_STORAGE_KEY, JSON.stringify({ ...p, savedAt: Date.now() }))
}

/** Returns and removes the pending prefill (null when none, unreadable, or older than an hour). */
export function takePrefill(now = Date.now()): DraftPrefill | null {
  const raw = Taro.getStorageSync(PREFILL_STORAGE_KEY)
  if (!raw) return null
  Taro.removeStorageSync(PREFILL_STORAGE_KEY)
  try {
    const p = JSON.parse(raw) as DraftPrefill & { savedAt?: number }
    if (!p || typeof p !== 'object' || (p.savedAt && now - p.savedAt > 3600_000)) return null
    return sanitizePrefill(p)
  } catch {
    return null
  }
}
