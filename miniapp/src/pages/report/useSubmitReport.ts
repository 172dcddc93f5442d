import { useState, type Dispatch, type MutableRefObject, type SetStateAction } from 'react'
import Taro from '@tarojs/taro'
import { markAttemptFailed, toReportBody, validateDraft, type Draft } from '../../stores/draft'
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

/**
 * 提交 in two steps, because the subscribe prompt must be asked by the tap handler itself, between them:
 * `ready()` validates (no await), `send()` POSTs with the draft's Idempotency-Key. A failure keeps the draft
 * (same key, so a resend never files twice) and says whether trying again can help.
 */
export function useSubmitReport({ latest, setDraft, persistNow, routing, setRouting, onInvalid, onFiled }: SubmitDeps) {
  const [submitting, setSubmitting] = useState(false)

  function ready(): boolean {
    if (submitting) return false
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

  async function send() {
    const d = latest.current
    setSubmitting(true)
    Taro.showLoading({ title: '正在提交', mask: true })
    try {
      const res = await createReport(toReportBody(d), d.idempotencyKey)
      Taro.hideLoading()
      onFiled(res)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (e) {
      Taro.hideLoading()
      const msg = messageOf(e)
      if (e instanceof ApiError && e.code === 'outside_jurisdiction') {
        setRouting({ state: 'outside', message: msg })
        Taro.showToast({ title: msg, icon: 'none' })
      } else if (e instanceof ApiError && e.code === 'idempotency_key_reused') {
        const r = await Taro.showModal({
          title: '该草稿已提交过',
          content: '此前的提交可能已经成功（网络中断未收到结果），修改后不能再次提交同一草稿。请到「我的诉求」查看；如需反映新问题，请清空草稿重新上报。',
          confirmText: '我的诉求',
          cancelText: '知道了',
          confirmColor: '#1d63d8',
        })
        if (r.confirm) Taro.navigateTo({ url: PAGES.myReports })
      } else {
        setDraft((x) => markAttemptFailed(x, msg))
        setTimeout(persistNow, 0)
        const retryable = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429
        Taro.showModal({
          title: '提交未成功',
          content: retryable ? `${msg}。草稿已保存，可稍后点击「重新提交」，不会重复立案。` : msg,
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#1d63d8',
        })
      }
    } finally {
      setSubmitting(false)
    }
  }

  return { submitting, ready, send }
}
