import Taro from '@tarojs/taro'
import { request } from './request'
import { templateIdsFor, type SubscribeEvent } from './subscribe-ids'
import { newIdempotencyKey } from '../stores/draft'

/**
 * One-time subscribe messages (订阅消息). WeChat shows the prompt only when `requestSubscribeMessage` runs
 * inside a tap handler, before anything asynchronous, so the template ids are fetched ahead of the tap
 * (prefetchSubscribeTemplates on page show) and requestSubscriptions() must be the first awaited call of
 * a tap handler (checked by subscribe-taps.test.ts). At most 3 ids per call (one-time ids only). The
 * answers go to the server, which keeps one credit per `accept` and sends nothing without one.
 * Outside the mini-program (H5) nothing is asked: residents see progress in 我的诉求 instead.
 */

let templates: Record<string, string> | null = null

export function prefetchSubscribeTemplates(): void {
  if (process.env.TARO_ENV !== 'weapp' || templates) return
  request<{ templates: Record<string, string> }>({ url: '/api/v1/notification-templates' })
    .then((r) => {
      templates = r.templates ?? {}
    })
    .catch(() => undefined)
}

/** Call first thing in a tap handler. Never throws: a refused or failed prompt must not stop the tap's work. */
export async function requestSubscriptions(events: SubscribeEvent[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !templates) return
  const tmplIds = templateIdsFor(events, templates)
  if (!tmplIds.length) return
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>
    const results: Record<string, string> = {}
    for (const id of tmplIds) if (typeof res[id] === 'string') results[id] = res[id]!
    if (Object.keys(results).length) {
      // one key per prompt answer: a retry of this call after a cut connection is recorded once
      request({ url: '/api/v1/me/subscriptions', method: 'POST', data: { results }, header: { 'Idempotency-Key': newIdempotencyKey() } }).catch(() => undefined)
    }
  } catch {
    // the resident closed the prompt, or the base library is too old: carry on without notifications
  }
}
