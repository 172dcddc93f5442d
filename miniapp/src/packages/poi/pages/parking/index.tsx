import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import PrivacyConsent from '../../../../components/PrivacyConsent'
import { messageOf } from '../../../../services/errors'
import { fetchNearbyParking, NEARBY_RADIUS, type CarParkItem } from '../../api'
import { carParkKindLabel } from '@cgt/shared/poi/labels'
import { amapMarkerUrl, formatMeters, freeTone, freshness } from '../../format'
import { navigateTo, useOrigin } from '../../useOrigin'
import LocationBar from '../../components/LocationBar'
import Sketch from '../../components/Sketch'
import PoiMap from '../../components/PoiMap'
import '../../poi.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** 找车位: nearby car parks with free/total and freshness, filter 有空位, list + map, 导航. */
export default function Parking() {
  const { origin, consent, notice, locating, answer, useMine } = useOrigin('停车场')
  const [hasFree, setHasFree] = useState(false)
  const [view, setView] = useState<'list' | 'map'>('list')
  const [items, setItems] = useState<CarParkItem[]>([])
  const [state, setState] = useState({ loading: true, error: '', loaded: false })
  const [picked, setPicked] = useState(-1)
  const seq = useRef(0)

  const load = useCallback(() => {
    const my = ++seq.current
    setState((s) => ({ ...s, loading: true, error: '' }))
    fetchNearbyParking({ lat: origin.lat, lng: origin.lng, hasFree })
      .then((r) => {
        if (my !== seq.current) return
        setItems(r.items)
        setPicked(-1)
        setState({ loading: false, error: '', loaded: true })
      })
      .catch((e) => my === seq.current && setState({ loading: false, error: messageOf(e), loaded: true }))
      .finally(() => Taro.stopPullDownRefresh())
  }, [origin.lat, origin.lng, hasFree])

  useEffect(load, [load])
  usePullDownRefresh(load)

  const now = new Date()
  const points = useMemo(
    () =>
      items.map((p, i) => ({
        lat: p.location.lat,
        lng: p.location.lng,
        label: String(i + 1),
        tone: freeTone(p.freeSpaces, p.totalSpaces, freshness(p.updatedAt, p.stale).stale),
      })),
    [items],
  )
  const shown = IS_WEAPP && view === 'map' ? (picked >= 0 ? [items[picked]!] : []) : items

  return (
    <View className='page poi'>
      <PrivacyConsent />
      <LocationBar what='停车场' origin={origin} consent={consent} notice={notice} locating={locating} onAnswer={answer} onUseMine={useMine} />

      <View className='poi-bar'>
        <View className={`poi-chip ${hasFree ? 'poi-chip--on' : ''}`} onClick={() => setHasFree(!hasFree)}>
          有空位
        </View>
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
        <View className='empty poi-empty'>附近 {NEARBY_RADIUS / 1000} 公里内没有{hasFree ? '有空位的' : ''}停车场</View>
      ) : null}
      {state.loading && !items.length ? <View className='loading-more'>正在查找附近的停车场…</View> : null}

      {shown.map((p) => {
        const i = items.indexOf(p)
        const f = freshness(p.updatedAt, p.stale, now)
        const tone = freeTone(p.freeSpaces, p.totalSpaces, f.stale)
        return (
          <View key={p.id} className='card poi-item parking-item'>
            <View className='poi-item__head'>
              <Text className={`poi-item__no poi-item__no--${tone}`}>{i + 1}</Text>
              <Text className='poi-item__name'>{p.name}</Text>
              {p.demo ? <Text className='badge badge--orange poi-demo'>示例数据</Text> : null}
            </View>
            <View className='poi-item__meta muted'>
              <Text className='poi-item__dist'>{formatMeters(p.distanceMeters)}</Text>
              <Text> · {carParkKindLabel(p.kind)}</Text>
              {p.districtName ? <Text> · {p.districtName}</Text> : null}
            </View>
            {p.address ? <View className='poi-item__addr muted'>{p.address}</View> : null}
            <View className='parking-item__spaces'>
              <View className={`parking-item__free parking-item__free--${tone}`}>
                <Text className='parking-item__free-label'>空位</Text>
                <Text className='parking-item__free-no'>{p.freeSpaces === null ? '—' : p.freeSpaces}</Text>
                <Text className='parking-item__total'>/{p.totalSpaces}</Text>
              </View>
              <Text className={`parking-item__fresh ${f.stale ? 'parking-item__fresh--stale' : ''}`}>
                {p.freeSpaces === null ? '暂无实时空位数据' : f.text}
              </Text>
            </View>
            <View className='poi-item__row'>
              <Text className='poi-item__k'>收费</Text>
              <Text className='poi-item__v'>{p.feeText || '以现场公示为准'}</Text>
            </View>
            <View className='poi-item__row'>
              <Text className='poi-item__k'>开放</Text>
              <Text className='poi-item__v'>
                <Text className={p.openNow ? 'poi-open' : 'poi-closed'}>{p.openNow ? '开放中' : '未开放'}</Text> {p.openingHoursText}
              </Text>
            </View>
            {p.evChargers || p.accessibleSpaces ? (
              <View className='poi-tags'>
                {p.evChargers ? <Text className='poi-tag'>充电桩 {p.evChargers}</Text> : null}
                {p.accessibleSpaces ? <Text className='poi-tag'>无障碍车位 {p.accessibleSpaces}</Text> : null}
              </View>
            ) : null}
            <View className='poi-item__actions'>
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
        <View className='muted poi-foot'>标注「示例数据」的停车场为演示用生成数据，位置与车位数并非真实信息。</View>
      ) : null}
    </View>
  )
}
