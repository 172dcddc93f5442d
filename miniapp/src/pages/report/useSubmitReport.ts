import { useEffect, useRef, useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react'
import Taro from '@tarojs/taro'
import { markAttemptFailed, markSent, renewKey, toReportBody, validateDraft, type Draft } from '../../stores/draft'
import { answerLost, confirmBackoffMs } from '../../stores/submit-confirm'
import { createReport } from '../../services/api'
import { ApiError, messageOf } from '../../services/errors'
import type { ReportCreated } from '../../services/types'
import { PAGES } from '../../utils/nav'
import type { RoutingState } from './LocationField'

interface SubmitDeps {
  latest: MutableRefObject<Draft>
  setDraft: Dispatch<SetStateAction<Draft>>
  persistNow: () => void
  routing: RoutingState
  setRouting: (r: RoutingState) => void
  /** the draft does not validate: show the field errors */
  onInvalid: () => void
  /** the ticket exists: the draft is to be dropped and the result shown */
  onFiled: (res: ReportCreated) => void
}

export type SubmitPhase = 'idle' | 'sending' | 'confirming'

/**
 * 提交 in two steps, because the subscribe prompt must be asked by the tap handler itself, between them:
 * `ready()` validates (no await), `send()` POSTs with the draft's Idempotency-Key.
 *
 * A lost answer (timeout, dropped connection) is not a failure: the ticket may well exist. The hook then
 * says 正在确认提交结果… and re-sends the same body under the same key, with backoff, until the server
 * answers (it replays the stored result of a key it has seen); the draft is marked `awaitingAnswer` and
 * the page stays locked meanwhile, also across a restart (`resume`). Only an answer unlocks the form: a
 * ticket → the result view; a refusal → the draft is kept with the same key, so correcting it and sending
 * again still files at most once.
 */
export function useSubmitReport({ latest, setDraft, persistNow, routing, setRouting, onInvalid, onFiled }: SubmitDeps) {
  const [phase, setPhase] = useState<SubmitPhase>('idle')
  const [confirmTries, setConfirmTries] = useState(0)
  const running = useRef(false)
  const alive = useRef(true)
  useEffect(
    () => () => {
      alive.current = false
    },
    [],
  )

  function ready(): boolean {
    if (running.current) return false
    const issues = validateDraft(latest.current)
    if (issues.length) {
      onInvalid()
      Taro.showToast({ title: issues[0]!.message, icon: 'none' })
      return false
    }
    if (routing.state === 'outside') {
      Taro.showToast({ title: '该位置不在服务范围内，请重新选择位置', icon: 'none' })
      return false
    }
    return true
  }

  function update(next: (d: Draft) => Draft) {
    latest.current = next(latest.current)
    setDraft(latest.current)
    persistNow()
  }

  async function send() {
    if (running.current) return
    running.current = true
    // fixed before the first attempt: every re-send carries exactly these bytes under exactly this key
    const body = toReportBody(latest.current)
    const key = latest.current.idempotencyKey
    update(markSent)
    setPhase('sending')
    setConfirmTries(0)
    Taro.showLoading({ title: '正在提交', mask: true })
    let loading = true
    const hide = () => {
      if (loading) Taro.hideLoading()
      loading = false
    }
    try {
      for (let tries = 0; alive.current; tries++) {
        try {
          const res = await createReport(body, key)
          hide()
          onFiled(res)
          Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
          return
        } catch (e) {
          if (!answerLost(e)) {
            hide()
            await refused(e)
            return
          }
          hide()
          setPhase('confirming')
          setConfirmTries(tries + 1)
          await new Promise((r) => setTimeout(r, confirmBackoffMs(tries)))
        }
      }
    } finally {
      running.current = false
      if (alive.current) setPhase('idle')
    }
  }

  /** The server answered "no": the draft is unlocked, with the same key unless that key is spent. */
  async function refused(e: unknown) {
    const msg = messageOf(e)
    if (e instanceof ApiError && e.code === 'idempotency_key_reused') {
      // an earlier version of this draft was filed under this key (before this app locked the form while
      // confirming): the draft as it is now is another report, which needs a key of its own
      update((d) => markAttemptFailed(d, '此前的版本已提交成功'))
      const r = await Taro.showModal({
        title: '此前的提交已成功',
        content: '这份草稿修改前的内容已经提交，可在「我的诉求」查看。修改后的内容可以作为一条新的诉求提交。',
        confirmText: '提交新诉求',
        cancelText: '我的诉求',
        confirmColor: '#1d63d8',
      })
      if (r.confirm) {
        update((d) => renewKey(d))
        running.current = false
        await send()
      } else {
        Taro.navigateTo({ url: PAGES.myReports })
      }
      return
    }
    if (e instanceof ApiError && e.code === 'outside_jurisdiction') {
      update((d) => ({ ...d, awaitingAnswer: false }))
      setRouting({ state: 'outside', message: msg })
      Taro.showToast({ title: msg, icon: 'none' })
      return
    }
    update((d) => markAttemptFailed(d, msg))
    const retryable = !(e instanceof ApiError) || e.status >= 500
    Taro.showModal({
      title: '提交未成功',
      content: retryable ? `${msg}。草稿已保存，可稍后点击「重新提交」，不会重复立案。` : msg,
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#1d63d8',
    })
  }

  /** A draft restored as sent-without-answer: ask the server again before anything else. */
  function resume() {
    if (latest.current.awaitingAnswer && !running.current && latest.current.location) void send()
  }

  return { submitting: phase !== 'idle', confirming: phase === 'confirming', confirmTries, ready, send, resume }
}
