/**
 * WeChat privacy-agreement flow (weapp only; base library ≥ 2.32.3).
 * `ensurePrivacy()` runs before the first photo or location call: WeChat fires
 * onNeedPrivacyAuthorization when consent is missing, the <PrivacyConsent/> popup shows, and the
 * resident's answer is passed back through the stored `resolve`. On H5 it resolves at once
 * (the browser asks for location itself; the form links to the policy).
 */
import Taro from '@tarojs/taro'

type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (open: boolean) => void

let pending: Resolve | null = null
const listeners = new Set<Listener>()
let registered = false

function register() {
  if (registered || process.env.TARO_ENV !== 'weapp') return
  const api = Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void }
  if (typeof api.onNeedPrivacyAuthorization !== 'function') return
  registered = true
  api.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve
    listeners.forEach((l) => l(true))
  })
}

/** The popup subscribes here; returns an unsubscribe function. */
export function subscribePrivacyPopup(l: Listener): () => void {
  register()
  listeners.add(l)
  // WeChat may have asked before the popup mounted.
  if (pending) l(true)
  return () => listeners.delete(l)
}

/** Called by the popup's buttons. */
export function answerPrivacy(agree: boolean, buttonId?: string) {
  pending?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' })
  pending = null
  listeners.forEach((l) => l(false))
}

/** Resolves true once the resident has agreed (or when no consent is needed on this platform). */
export function ensurePrivacy(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(true)
  register()
  const api = Taro as unknown as { requirePrivacyAuthorize?: (o: { success: () => void; fail: () => void }) => void }
  if (typeof api.requirePrivacyAuthorize !== 'function') return Promise.resolve(true)
  return new Promise((resolve) => {
    api.requirePrivacyAuthorize!({ success: () => resolve(true), fail: () => resolve(false) })
  })
}

export function openPrivacyContract() {
  const api = Taro as unknown as { openPrivacyContract?: (o?: object) => void }
  if (process.env.TARO_ENV === 'weapp' && typeof api.openPrivacyContract === 'function') api.openPrivacyContract({})
  else Taro.navigateTo({ url: '/packages/about/pages/privacy/index' })
}
