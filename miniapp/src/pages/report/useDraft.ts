/** The 随手拍 draft as React state, persisted to storage on every change (debounced). */
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { createDraft, hasContent, restoreDraft, serializeDraft, type Draft } from '../../stores/draft'
import { localFileExists } from '../../services/media'

export const DRAFT_STORAGE_KEY = 'cgt:report-draft'

function load(): Draft {
  try {
    return restoreDraft(Taro.getStorageSync(DRAFT_STORAGE_KEY), localFileExists) ?? createDraft()
  } catch {
    return createDraft()
  }
}

export function useDraft() {
  const [draft, setDraft] = useState<Draft>(load)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef(draft)
  latest.current = draft

  const persistNow = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    const d = latest.current
    if (hasContent(d) || d.attempts > 0) Taro.setStorageSync(DRAFT_STORAGE_KEY, serializeDraft(d))
    else Taro.removeStorageSync(DRAFT_STORAGE_KEY)
  }, [])

  useEffect(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(persistNow, 300)
  }, [draft, persistNow])

  /** Start over with a fresh Idempotency-Key (after success or when the resident discards). */
  const reset = useCallback(() => {
    const d = createDraft()
    latest.current = d
    setDraft(d)
    Taro.removeStorageSync(DRAFT_STORAGE_KEY)
  }, [])

  return { draft, setDraft, persistNow, reset, latest }
}
