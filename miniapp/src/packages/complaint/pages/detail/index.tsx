import { useCallback, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { messageOf } from '../../../../services/errors'
import type { Satisfaction } from '../../../../services/types'
import { formatDateTime } from '../../../../utils/format'
import { fetchComplaint, rateComplaint, requestComplaintReview, type ComplaintDetail } from '../../api'
import { daysLeftText, DUE_KIND_LABELS } from '../../validate'
import '../../complaint.scss'

const SATISFACTION: { value: Satisfaction; label: string }[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
]
const DEADLINE_ROWS: [keyof ComplaintDetail['deadlines'], string][] = [
  ['acceptBy', '受理告知期限'],
  ['concludeBy', '办结答复期限'],
  ['reviewRequestBy', '申请复查期限'],
  ['reviewBy', '复查答复期限'],
  ['recheckRequestBy', '申请复核期限'],
  ['recheckBy', '复核答复期限'],
]

/** 信访详情: state, deadlines, content, the written replies, timeline; rating after a reply; 复查/复核 request. */
export default function ComplaintDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [c, setC] = useState<ComplaintDetail | null>(null)
  const [error, setError] = useState('')
  const [sat, setSat] = useState<Satisfaction | ''>('')
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(() => {
    fetchComplaint(id)
      .then((d) => {
        setC(d)
        setError('')
      })
      .catch((e) => setError(messageOf(e)))
      .finally(() => Taro.stopPullDownRefresh())
  }, [id])
  useDidShow(load)
  usePullDownRefresh(load)

  async function run(fn: () => Promise<ComplaintDetail>, ok: string) {
    if (busy) return
    setBusy(true)
    try {
      setC(await fn())
      Taro.showToast({ title: ok, icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!c) {
    return (
      <View className='page'>
        <View className='empty'>
          {error ? (
            <View>
              <View>{error}</View>
              <View className='link' onClick={load}>
                重新加载
              </View>
            </View>
          ) : (
            '加载中…'
          )}
        </View>
      </View>
    )
  }

  const due = c.due ?? c.window
  const reviewAction = c.canRequestReview ? 'request_review' : c.canRequestRecheck ? 'request_recheck' : null
  return (
    <View className='page complaint complaint-detail'>
      <View className='card'>
        <View className='complaint-item__top'>
          <Text className='complaint-item__type'>{c.typeLabel}</Text>
          <Text className='badge badge--blue complaint-detail__status'>{c.statusLabel}</Text>
        </View>
        <View className='kv'>
          <Text className='kv__k'>信访编号</Text>
          <Text className='kv__v complaint-detail__no'>{c.caseNo}</Text>
        </View>
        <View className='kv'>
          <Text className='kv__k'>登记时间</Text>
          <Text className='kv__v'>{formatDateTime(c.registeredAt)}</Text>
        </View>
        <View className='kv'>
          <Text className='kv__k'>信访渠道</Text>
          <Text className='kv__v'>{c.channelLabel}</Text>
        </View>
        {c.department ? (
          <View className='kv'>
            <Text className='kv__k'>承办单位</Text>
            <Text className='kv__v'>{c.department.name}</Text>
          </View>
        ) : null}
        {due ? (
          <View className={`complaint-due ${due.overdue ? 'complaint-due--over' : due.dueSoon ? 'complaint-due--soon' : ''}`}>
            {DUE_KIND_LABELS[due.kind] ?? '期限'} {formatDateTime(due.at)} · {daysLeftText(due.daysLeft, due.overdue)}
          </View>
        ) : null}
      </View>

      <View className='card'>
        <View className='card__title'>办理期限</View>
        {DEADLINE_ROWS.filter(([k]) => c.deadlines[k]).map(([k, label]) => (
          <View key={k} className='kv complaint-deadline'>
            <Text className='kv__k'>{label}</Text>
            <Text className='kv__v'>{formatDateTime(c.deadlines[k])}</Text>
          </View>
        ))}
        {c.extension ? <View className='muted'>已延期 {c.extension.days} 天：{c.extension.reason}</View> : null}
        {c.notAccepted ? (
          <View className='tip tip--warn'>
            不予受理：{c.notAccepted.reason}。请向 {c.notAccepted.redirectTo} 反映。
          </View>
        ) : null}
        {c.transferredTo ? <View className='tip tip--info'>已转送 {c.transferredTo} 办理。</View> : null}
      </View>

      {c.replies.map((r, i) => (
        <View key={i} className='card complaint-reply'>
          <View className='card__title'>
            <Text>{r.stageLabel}</Text>
            <Text className='card__title-extra'>{formatDateTime(r.at)}</Text>
          </View>
          <View className='complaint-reply__decision'>处理意见：{r.decisionLabel}</View>
          <View className='complaint-reply__text'>{r.text}</View>
          {r.basis ? <View className='muted'>依据：{r.basis}</View> : null}
        </View>
      ))}

      {c.canRate ? (
        <View className='card complaint-rate'>
          <View className='card__title'>评价答复</View>
          <View className='rate__opts'>
            {SATISFACTION.map((o) => (
              <View key={o.value} className={`rate__opt ${sat === o.value ? `rate__opt--on rate__opt--${o.value}` : ''}`} onClick={() => setSat(o.value)}>
                {o.label}
              </View>
            ))}
          </View>
          <Textarea className='complaint-text complaint-rate__comment' value={comment} maxlength={200} placeholder='说说您的意见（选填）' onInput={(e) => setComment(e.detail.value)} />
          <View
            className={`btn btn--primary complaint-rate__submit ${!sat || busy ? 'btn--disabled' : ''}`}
            onClick={() => sat && run(() => rateComplaint(c.id, sat, comment.trim() || undefined), '已评价')}
          >
            提交评价
          </View>
        </View>
      ) : null}
      {c.ratings.length ? (
        <View className='card'>
          <View className='card__title'>我的评价</View>
          {c.ratings.map((r, i) => (
            <View key={i} className='complaint-rated'>
              {SATISFACTION.find((s) => s.value === r.satisfaction)?.label ?? r.satisfaction}
              {r.comment ? `：${r.comment}` : ''} <Text className='muted'>{formatDateTime(r.at)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {reviewAction ? (
        <View className='card complaint-review'>
          <View className='card__title'>{reviewAction === 'request_review' ? '申请复查' : '申请复核'}</View>
          <View className='muted'>
            {reviewAction === 'request_review' ? '对处理意见不服的，可自收到书面答复之日起 30 日内申请复查。' : '对复查意见不服的，可自收到复查意见之日起 30 日内申请复核。'}
          </View>
          <Textarea className='complaint-text' value={reason} maxlength={500} placeholder='请说明申请理由' onInput={(e) => setReason(e.detail.value)} />
          <View
            className={`btn btn--ghost complaint-review__submit ${!reason.trim() || busy ? 'btn--disabled' : ''}`}
            onClick={() => reason.trim() && run(() => requestComplaintReview(c.id, reviewAction, reason.trim()), '已提交申请')}
          >
            提交申请
          </View>
        </View>
      ) : null}

      <View className='card'>
        <View className='card__title'>信访内容</View>
        <View className='complaint-block'>{c.content}</View>
        <View className='card__title complaint-sub'>诉求</View>
        <View className='complaint-block'>{c.request}</View>
        {c.facts ? (
          <View>
            <View className='card__title complaint-sub'>事实和理由</View>
            <View className='complaint-block'>{c.facts}</View>
          </View>
        ) : null}
        <View className='muted complaint-sub'>
          信访人：{c.petitioner.name} · {c.petitioner.idNumberMasked}
        </View>
      </View>

      <View className='card'>
        <View className='card__title'>办理进度</View>
        <View className='tl'>
          {[...c.timeline].reverse().map((e, i) => (
            <View key={i} className={`tl__item ${i === 0 ? 'tl__item--latest' : ''}`}>
              <View className='tl__dot' />
              <View className='tl__content'>
                <View className='tl__head'>
                  <Text className='tl__label'>{e.label}</Text>
                  <Text className='tl__time'>{formatDateTime(e.at)}</Text>
                </View>
                {e.reason || e.reply || e.days ? (
                  <View className='tl__text'>{[e.days ? `延期 ${e.days} 天` : '', e.reason, e.reply].filter(Boolean).join('；')}</View>
                ) : null}
                <View className='muted'>{e.departmentName || e.actorLabel}</View>
              </View>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
