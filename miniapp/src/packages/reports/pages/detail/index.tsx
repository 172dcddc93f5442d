import { useCallback, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import StatusBadge from '../../../../components/StatusBadge'
import PinMap from '../../../../components/PinMap'
import RatingForm from './RatingForm'
import { fetchReport, rateReport, withdrawReport } from '../../../../services/api'
import { messageOf } from '../../../../services/errors'
import type { Photo, ReportDetail, Satisfaction } from '../../../../services/types'
import { isSetback, satisfactionLabel, timelineHint, timelineLabel } from '../../../../constants/ticket'
import { formatDateTime } from '../../../../utils/format'
import { assetUrl } from '../../../../utils/asset'
import { prefetchSubscribeTemplates, requestSubscriptions } from '../../../../services/subscribe'
import { extraAfterPhotos, timelineNote } from './view'
import './index.scss'

function Photos({ photos }: { photos?: Photo[] }) {
  if (!photos?.length) return null
  const urls = photos.map((p) => assetUrl(p.url || p.thumbnailUrl))
  return (
    <View className='detail__photos'>
      {photos.map((p, i) => (
        <Image
          key={p.id ?? i}
          className='detail__photo'
          src={assetUrl(p.thumbnailUrl || p.url)}
          mode='aspectFill'
          lazyLoad
          onClick={() => Taro.previewImage({ urls, current: urls[i] })}
        />
      ))}
    </View>
  )
}

/** 诉求详情: status, timeline, replies, before/after photos, rating, withdraw. */
export default function ReportDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const [report, setReport] = useState<ReportDetail | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!id) {
      setError('缺少诉求编号')
      return
    }
    try {
      setReport(await fetchReport(id))
      setError('')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [id])

  useDidShow(() => {
    load()
    prefetchSubscribeTemplates()
  })

  // 办结后提醒我: one more 处理结果通知 credit, asked from this tap only
  async function handleRemindMe() {
    await requestSubscriptions(['ticket.resolved'])
    Taro.showToast({ title: '办结后将通过微信提醒您', icon: 'none' })
  }
  usePullDownRefresh(() => {
    load()
  })

  async function handleWithdraw() {
    const r = await Taro.showModal({
      title: '撤回诉求',
      content: '撤回后该诉求将不再办理，确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#d9363e',
    })
    if (!r.confirm) return
    setBusy(true)
    try {
      await withdrawReport(id)
      Taro.showToast({ title: '已撤回', icon: 'success' })
      await load()
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  async function handleRate(s: Satisfaction, comment: string) {
    setBusy(true)
    try {
      await rateReport(id, s, comment || undefined)
      Taro.showToast({ title: s === 'dissatisfied' ? '已提交，将重新办理' : '感谢您的评价', icon: 'none' })
      await load()
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!report) {
    return (
      <View className='page'>
        <View className='empty'>
          {error ? (
            <View>
              <View>{error}</View>
              <View className='link detail__retry' onClick={load}>
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

  const timeline = [...report.timeline].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  const replies = report.replies
  const afterPhotos = extraAfterPhotos(report)
  const rating = report.satisfaction
    ? { satisfaction: report.satisfaction.value, comment: report.satisfaction.comment, at: report.satisfaction.at }
    : undefined
  const { canRate, canWithdraw } = report

  return (
    <View className='page detail'>
      <View className='card'>
        <View className='detail__head'>
          <Text className='detail__cat'>{report.categoryName || '城市管理问题'}</Text>
          <StatusBadge status={report.status} />
        </View>
        <View className='kv'>
          <Text className='kv__k'>受理编号</Text>
          <Text className='kv__v'>{report.trackingNo}</Text>
          <Text className='link' onClick={() => Taro.setClipboardData({ data: report.trackingNo })}>
            复制
          </Text>
        </View>
        <View className='kv'>
          <Text className='kv__k'>提交时间</Text>
          <Text className='kv__v'>{formatDateTime(report.createdAt)}</Text>
        </View>
        {report.dueAt && !['closed', 'rejected', 'withdrawn'].includes(report.status) ? (
          <View className='kv'>
            <Text className='kv__k'>办理时限</Text>
            <Text className='kv__v'>{formatDateTime(report.dueAt)} 前</Text>
          </View>
        ) : null}
        {report.district?.name ? (
          <View className='kv'>
            <Text className='kv__k'>所属辖区</Text>
            <Text className='kv__v'>
              {report.district.name}
              {report.zone?.name ? `（${report.zone.name}）` : ''}
            </Text>
          </View>
        ) : null}
        {report.place || report.address ? (
          <View className='kv'>
            <Text className='kv__k'>问题地点</Text>
            <View className='kv__v'>
              {report.place ? <View className='detail__place'>{report.place}</View> : null}
              {report.address ? <View className='detail__address'>{report.address}</View> : null}
            </View>
          </View>
        ) : null}
        {report.location ? <PinMap point={report.location} /> : null}
      </View>

      <View className='card'>
        <View className='card__title'>办理进度</View>
        {timeline.length ? (
          <View className='tl'>
            {timeline.map((e, i) => {
              // the reply itself is shown once, under 处理回复
              const note = timelineNote(e)
              return (
                <View key={i} className={`tl__item ${i === 0 ? 'tl__item--latest' : ''} ${isSetback(e) ? 'tl__item--setback' : ''}`}>
                  <View className='tl__dot' />
                  <View className='tl__content'>
                    <View className='tl__head'>
                      <Text className='tl__label'>{timelineLabel(e)}</Text>
                      <Text className='tl__time'>{formatDateTime(e.at)}</Text>
                    </View>
                    <View className='tl__text'>{note || timelineHint(e)}</View>
                    {e.actorLabel && e.actorLabel !== '我' ? (
                      <View className='muted'>{e.actorLabel}</View>
                    ) : null}
                  </View>
                </View>
              )
            })}
          </View>
        ) : (
          <View className='muted'>暂无进度记录</View>
        )}
      </View>

      <View className='card'>
        <View className='card__title'>问题描述</View>
        <View className='detail__desc'>{report.description}</View>
        <Photos photos={report.photos} />
      </View>

      {replies.length || afterPhotos.length ? (
        <View className='card'>
          <View className='card__title'>处理回复</View>
          {replies.map((r, i) => (
            <View key={i} className='reply'>
              <View className='reply__head'>
                <Text className='reply__who'>{r.departmentName || '城管部门'}</Text>
                <Text className='muted'>{formatDateTime(r.at)}</Text>
              </View>
              <View className='reply__text'>{r.text}</View>
              <Photos photos={r.photos} />
            </View>
          ))}
          {afterPhotos.length ? (
            <View>
              <View className='muted detail__after'>处置后照片</View>
              <Photos photos={afterPhotos} />
            </View>
          ) : null}
        </View>
      ) : null}

      {rating ? (
        <View className='card'>
          <View className='card__title'>
            <Text>我的评价</Text>
            <Text className='card__title-extra'>{formatDateTime(rating.at)}</Text>
          </View>
          <View className='detail__rating'>{satisfactionLabel(rating.satisfaction)}</View>
          {rating.comment ? <View className='detail__desc'>{rating.comment}</View> : null}
        </View>
      ) : null}

      {canRate ? <RatingForm closedAt={report.closedAt} submitting={busy} onSubmit={handleRate} /> : null}

      {process.env.TARO_ENV === 'weapp' && ['submitted', 'accepted', 'dispatched'].includes(report.status) ? (
        <View className='btn btn--ghost' onClick={handleRemindMe}>
          办结后提醒我
        </View>
      ) : null}

      {canWithdraw ? (
        <View className={`btn btn--danger ${busy ? 'btn--disabled' : ''}`} onClick={busy ? undefined : handleWithdraw}>
          撤回诉求
        </View>
      ) : null}
    </View>
  )
}
