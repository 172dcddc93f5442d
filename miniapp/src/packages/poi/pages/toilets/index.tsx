import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import PrivacyConsent from '../../../../components/PrivacyConsent'
import { messageOf } from '../../../../services/errors'
import { savePrefill } from '../../../../stores/prefill'
import { PAGES } from '../../../../utils/nav'
import { fetchNearbyToilets, NEARBY_RADIUS, type ToiletItem } from '../../api'
import { toiletKindLabel } from '@cgt/shared/poi/labels'
import { amapMarkerUrl, formatMeters } from '../../format'
import { navigateTo, useOrigin } from '../../useOrigin'
import LocationBar from '../../components/LocationBar'
import Sketch from '../../components/Sketch'
import PoiMap from '../../components/PoiMap'
import '../../poi.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
/** 公厕问题: the server also says it as reportCategory */
const TOILET_REPORT_CATEGORY = '90004'

type Filter = 'openNow' | 'accessible' | 'babyRoom'
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'openNow', label: '开放中' },
  { key: 'accessible', label: '无障碍' },
  { key: 'babyRoom', label: '母婴室' },
]

/** 找厕所: nearby public toilets, filters 开放中 / 无障碍 / 母婴室, list + map, 导航, 报告问题. */
export default function Toilets() {
  const { origin, consent, notice, locating, answer, useMine } = useOrigin('公厕')
  const [filters, setFilters] = useState<Record<Filter, boolean>>({ openNow: false, accessible: false, babyRoom: false })
  const [view, setView] = useState<'list' | 'map'>('list')
  const [items, setItems] = useState<ToiletItem[]>([])
  const [reportCategory, setReportCategory] = useState(TOILET_REPORT_CATEGORY)
  const [state, setState] = useState({ loading: true, error: '', loaded: false })
  const [picked, setPicked] = useState(-1)
  const seq = useRef(0)

  const load = useCallback(() => {
    const my = ++seq.current
    setState((s) => ({ ...s, loading: true, error: '' }))
    fetchNearbyToilets({ lat: origin.lat, lng: origin.lng, ...filters })
      .then((r) => {
        if (my !== seq.current) return
        setItems(r.items)
        if (r.reportCategory) setReportCategory(r.reportCategory)
        setPicked(-1)
        setState({ loading: false, error: '', loaded: true })
      })
      .catch((e) => my === seq.current && setState({ loading: false, error: messageOf(e), loaded: true }))
      .finally(() => Taro.stopPullDownRefresh())
  }, [origin.lat, origin.lng, filters])

  useEffect(load, [load])
  usePullDownRefresh(load)

  const points = useMemo(
    () => items.map((p, i) => ({ lat: p.location.lat, lng: p.location.lng, label: String(i + 1), tone: p.openNow ? ('ok' as const) : ('off' as const) })),
    [items],
  )

  function report(p: ToiletItem) {
    savePrefill({
      categoryCode: reportCategory,
      location: { lat: p.location.lat, lng: p.location.lng, coordSys: 'gcj02', address: [p.name, p.address].filter(Boolean).join(' '), source: 'map' },
      description: `${p.name}：`,
      from: `公厕「${p.name}」`,
    })
    Taro.switchTab({ url: PAGES.report })
  }

  const shown = IS_WEAPP && view === 'map' ? (picked >= 0 ? [items[picked]!] : []) : items
  const anyFilter = FILTERS.some((f) => filters[f.key])

  return (
    <View className='page poi'>
      <PrivacyConsent />
      <LocationBar what='公厕' origin={origin} consent={consent} notice={notice} locating={locating} onAnswer={answer} onUseMine={useMine} />

      <View className='poi-bar'>
        {FILTERS.map((f) => (
          <View
            key={f.key}
            className={`poi-chip ${filters[f.key] ? 'poi-chip--on' : ''}`}
            onClick={() => setFilters((x) => ({ ...x, [f.key]: !x[f.key] }))}
          >
            {f.label}
          </View>
        ))}
        {IS_WEAPP ? (
          <View className='poi-seg'>
            <Text className={`poi-seg__item ${view === 'list' ? 'poi-seg__item--on' : ''}`} onClick={() => setView('list')}>
              列表
            </Text>
            <Text className={`poi-seg__item ${view === 'map' ? 'poi-seg__item--on' : ''}`} onClick={() => setView('map')}>
              地图
            </Text>
          </View>
        ) : null}
      </View>

      {IS_WEAPP && view === 'map' ? (
        <PoiMap origin={origin} items={items} onPick={setPicked} />
      ) : !IS_WEAPP && items.length ? (
        <Sketch origin={origin} points={points} />
      ) : null}

      {state.error ? (
        <View className='empty'>
          <View>{state.error}</View>
          <View className='link' onClick={load}>
            重新加载
          </View>
        </View>
      ) : null}
      {!state.error && state.loaded && !state.loading && !items.length ? (
        <View className='empty poi-empty'>附近 {NEARBY_RADIUS / 1000} 公里内没有{anyFilter ? '符合条件的' : ''}公厕</View>
      ) : null}
      {state.loading && !items.length ? <View className='loading-more'>正在查找附近的公厕…</View> : null}

      {shown.map((p) => {
        const i = items.indexOf(p)
        return (
          <View key={p.id} className='card poi-item toilet-item'>
            <View className='poi-item__head'>
              <Text className={`poi-item__no poi-item__no--${p.openNow ? 'ok' : 'off'}`}>{i + 1}</Text>
              <Text className='poi-item__name'>{p.name}</Text>
              {p.demo ? <Text className='badge badge--orange poi-demo'>示例数据</Text> : null}
            </View>
            <View className='poi-item__meta muted'>
              <Text className='poi-item__dist'>{formatMeters(p.distanceMeters)}</Text>
              <Text> · {toiletKindLabel(p.kind)}</Text>
              {p.districtName ? <Text> · {p.districtName}</Text> : null}
            </View>
            {p.address ? <View className='poi-item__addr muted'>{p.address}</View> : null}
            <View className='poi-item__row'>
              <Text className='poi-item__k'>开放</Text>
              <Text className='poi-item__v'>
                <Text className={p.openNow ? 'poi-open' : 'poi-closed'}>{p.openNow ? '开放中' : '未开放'}</Text> {p.open24h ? '24 小时开放' : p.openingHoursText}
              </Text>
            </View>
            {p.managingUnit ? (
              <View className='poi-item__row'>
                <Text className='poi-item__k'>管理</Text>
                <Text className='poi-item__v'>{p.managingUnit}</Text>
              </View>
            ) : null}
            {p.accessible || p.thirdRestroom || p.babyRoom ? (
              <View className='poi-tags'>
                {p.accessible ? <Text className='poi-tag'>无障碍</Text> : null}
                {p.thirdRestroom ? <Text className='poi-tag'>第三卫生间</Text> : null}
                {p.babyRoom ? <Text className='poi-tag'>母婴室</Text> : null}
              </View>
            ) : null}
            <View className='poi-item__actions'>
              <View className='btn btn--ghost btn--small poi-report' onClick={() => report(p)}>
                报告问题
              </View>
              <View
                className='btn btn--primary btn--small poi-nav'
                onClick={() => navigateTo({ ...p.location, name: p.name, address: p.address }, amapMarkerUrl({ ...p.location, name: p.name }))}
              >
                导航
              </View>
            </View>
          </View>
        )
      })}
      {IS_WEAPP && view === 'map' && picked < 0 && items.length ? <View className='muted poi-hint'>点击地图上的标记查看详情</View> : null}
      {items.some((p) => p.demo) ? (
        <View className='muted poi-foot'>标注「示例数据」的公厕为演示用生成数据，位置与设施信息并非真实信息。</View>
      ) : null}
    </View>
  )
}
