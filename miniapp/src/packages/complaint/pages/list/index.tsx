import { useCallback, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { messageOf } from '../../../../services/errors'
import { formatDateTime } from '../../../../utils/format'
import { PAGES } from '../../../../utils/nav'
import { fetchMyComplaints, type ComplaintItem } from '../../api'
import { daysLeftText, DUE_KIND_LABELS } from '../../validate'
import '../../complaint.scss'

const PAGE_SIZE = 20

/** 我的信访: paged, pull to refresh; each case with its state and running deadline. */
export default function MyComplaints() {
  const [items, setItems] = useState<ComplaintItem[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState('')
  const busy = useRef(false)

  const load = useCallback(async (p: number) => {
    if (busy.current) return
    busy.current = true
    setLoading(true)
    try {
      const r = await fetchMyComplaints(p, PAGE_SIZE)
      setItems((prev) => (p === 1 ? r.items : [...prev, ...r.items.filter((x) => !prev.some((y) => y.id === x.id))]))
      setTotal(r.total)
      setPage(p)
      setError('')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      busy.current = false
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }, [])

  useDidShow(() => {
    load(1)
  })
  usePullDownRefresh(() => {
    load(1)
  })
  useReachBottom(() => {
    if (items.length < total) load(page + 1)
  })

  return (
    <View className='page complaint'>
      {error && !items.length ? (
        <View className='empty'>
          <View>{error}</View>
          <View className='link' onClick={() => load(1)}>
            重新加载
          </View>
        </View>
      ) : null}
      {!error && !loading && page > 0 && !items.length ? (
        <View className='empty'>
          <View>您还没有信访记录</View>
          <View className='btn btn--primary btn--small complaint-go' onClick={() => Taro.redirectTo({ url: PAGES.complaintForm })}>
            我要信访
          </View>
        </View>
      ) : null}
      {items.map((c) => {
        const due = c.due ?? c.window
        return (
          <View key={c.id} className='card complaint-item' onClick={() => Taro.navigateTo({ url: PAGES.complaintDetail(c.id) })}>
            <View className='complaint-item__top'>
              <Text className='complaint-item__type'>{c.typeLabel}</Text>
              <Text className={`badge ${c.status === 'final' || c.status === 'not_accepted' ? 'badge--grey' : c.hasReply ? 'badge--green' : 'badge--blue'}`}>
                {c.statusLabel}
              </Text>
            </View>
            <View className='complaint-item__summary'>{c.summary}</View>
            <View className='muted'>
              {c.caseNo} · {formatDateTime(c.registeredAt)}
            </View>
            {due ? (
              <View className={`complaint-due ${due.overdue ? 'complaint-due--over' : due.dueSoon ? 'complaint-due--soon' : ''}`}>
                {DUE_KIND_LABELS[due.kind] ?? '期限'} {formatDateTime(due.at).slice(0, 10)} · {daysLeftText(due.daysLeft, due.overdue)}
              </View>
            ) : null}
          </View>
        )
      })}
      {items.length ? <View className='loading-more'>{loading ? '加载中…' : items.length < total ? '上拉加载更多' : '没有更多了'}</View> : loading ? <View className='loading-more'>加载中…</View> : null}
    </View>
  )
}
