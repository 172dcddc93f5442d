import { useCallback, useRef, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import StatusBadge from '../../../../components/StatusBadge'
import { fetchMyReports } from '../../../../services/api'
import { messageOf } from '../../../../services/errors'
import type { ReportSummary } from '../../../../services/types'
import { formatDateTime } from '../../../../utils/format'
import { assetUrl } from '../../../../utils/asset'
import { PAGES } from '../../../../utils/nav'
import { RESIDENT_TAB_EMPTY, RESIDENT_TAB_LABELS, RESIDENT_TABS, type ResidentTab } from '@cgt/shared/ticket/resident-tabs'
import './index.scss'

const PAGE_SIZE = 20

/**
 * 我的诉求: tabs 全部 / 处理中 / 待评价 / 已办结 (filtered by the server), paged list (20 per page, more on
 * reaching the bottom), pull to refresh (the page config enables it; Taro draws it on H5 too).
 */
export default function MyReports() {
  const [tab, setTab] = useState<ResidentTab>('all')
  const [items, setItems] = useState<ReportSummary[]>([])
  // the next page's cursor; null once the oldest report is shown
  const [next, setNext] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState('')
  const busy = useRef(false)
  const tabRef = useRef<ResidentTab>('all')
  // every load has a number: an answer to a load that a newer one (another tab, a refresh) replaced is dropped
  const seq = useRef(0)

  const load = useCallback(async (cursor: string | null) => {
    // a first page always goes (it replaces whatever was loading); "more" waits for the load in flight
    if (cursor !== null && busy.current) return
    const mine = ++seq.current
    const wanted = tabRef.current
    busy.current = true
    setLoading(true)
    try {
      const r = await fetchMyReports(cursor, PAGE_SIZE, wanted)
      if (mine !== seq.current) return
      setItems((prev) => (cursor === null ? r.items : [...prev, ...r.items.filter((x) => !prev.some((y) => y.id === x.id))]))
      setNext(r.nextCursor)
      setLoaded(true)
      setError('')
    } catch (e) {
      if (mine === seq.current) setError(messageOf(e))
    } finally {
      if (mine === seq.current) {
        busy.current = false
        setLoading(false)
      }
      Taro.stopPullDownRefresh()
    }
  }, [])

  function switchTab(t: ResidentTab) {
    if (t === tabRef.current) return
    tabRef.current = t
    setTab(t)
    setItems([])
    setNext(null)
    setLoaded(false)
    setError('')
    load(null)
  }

  useDidShow(() => {
    load(null)
  })
  usePullDownRefresh(() => {
    load(null)
  })
  useReachBottom(() => {
    if (next && !busy.current) load(next)
  })

  const thumb = (r: ReportSummary) => assetUrl(r.thumbnailUrl)

  return (
    <View className='page mine'>
      <View className='mine__tabs' role='tablist'>
        {RESIDENT_TABS.map((t) => (
          <View
            key={t}
            role='tab'
            aria-selected={t === tab}
            className={`mine__tab ${t === tab ? 'mine__tab--on' : ''}`}
            onClick={() => switchTab(t)}
          >
            {RESIDENT_TAB_LABELS[t]}
          </View>
        ))}
      </View>

      {error && !items.length ? (
        <View className='empty'>
          <View>{error}</View>
          <View className='link mine__retry' onClick={() => load(null)}>
            重新加载
          </View>
        </View>
      ) : null}

      {!error && !loading && loaded && !items.length ? (
        <View className='empty'>
          <View>{RESIDENT_TAB_EMPTY[tab]}</View>
          {tab === 'all' ? (
            <View className='btn btn--primary btn--small mine__go' onClick={() => Taro.switchTab({ url: PAGES.report })}>
              去随手拍
            </View>
          ) : null}
        </View>
      ) : null}

      {items.map((r) => (
        <View key={r.id} className='card mine__item' onClick={() => Taro.navigateTo({ url: PAGES.reportDetail(r.id) })}>
          <View className='mine__top'>
            <Text className='mine__cat'>{r.categoryName || '城市管理问题'}</Text>
            <StatusBadge status={r.status} />
          </View>
          <View className='mine__body'>
            <View className='mine__text'>
              <View className='mine__desc'>{r.description || '（无描述）'}</View>
              <View className='muted'>
                {r.trackingNo}
                {r.district?.name ? ` · ${r.district.name}` : ''}
              </View>
              <View className='muted'>
                {formatDateTime(r.createdAt)}
                {r.rated === false && (r.status === 'resolved' || r.status === 'closed') ? (
                  <Text className='mine__rate'> · 待评价</Text>
                ) : null}
              </View>
            </View>
            {thumb(r) ? <Image className='mine__thumb' src={thumb(r)} mode='aspectFill' lazyLoad /> : null}
          </View>
        </View>
      ))}

      {items.length ? (
        <View className='loading-more'>{loading ? '加载中…' : next ? '上拉加载更多' : '没有更多了'}</View>
      ) : loading ? (
        <View className='loading-more'>加载中…</View>
      ) : null}
    </View>
  )
}
