import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { DraftLocation } from '../../stores/draft'
import type { RoutingResult } from '../../services/types'
import { formatLatLng, isPlausibleChinaPoint, round6 } from '../../utils/coord'
import MapPickerButton from '../../components/MapPicker'

export type RoutingState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; result: RoutingResult }
  | { state: 'outside'; message: string }
  | { state: 'error'; message: string }

interface Props {
  location: DraftLocation | null
  locating: boolean
  routing: RoutingState
  canPickOnMap: boolean
  onLocate: () => void
  onPickOnMap: () => void
  onManual: (loc: DraftLocation) => void
  onAddress: (address: string) => void
}

/** Location card: where the problem is, and which district it will go to. */
export default function LocationField(props: Props) {
  const { location, locating, routing } = props
  const [manualOpen, setManualOpen] = useState(false)
  const [lat, setLat] = useState('')
  const [lng, setLng] = useState('')
  const [manualError, setManualError] = useState('')

  function applyManual() {
    const p = { lat: Number(lat), lng: Number(lng) }
    if (!lat || !lng || !isPlausibleChinaPoint(p)) {
      setManualError('请输入有效的纬度和经度（如 29.3575, 113.1290）')
      return
    }
    setManualError('')
    setManualOpen(false)
    props.onManual({ lat: round6(p.lat), lng: round6(p.lng), coordSys: 'gcj02', source: 'manual', address: location?.address })
  }

  return (
    <View className='card'>
      <View className='card__title'>
        <Text className='required'>问题位置</Text>
        {location ? <Text className='card__title-extra'>{formatLatLng(location)}</Text> : null}
      </View>

      {location ? (
        <Input
          className='field-input'
          value={location.address ?? ''}
          maxlength={100}
          placeholder='补充详细地址（选填），如门牌号、路口'
          onInput={(e) => props.onAddress(e.detail.value)}
        />
      ) : (
        <View className='muted'>{locating ? '正在定位…' : '尚未获取位置'}</View>
      )}

      <View className='loc__actions'>
        <View className='btn btn--ghost btn--small' onClick={props.onLocate}>
          {locating ? '定位中…' : location ? '重新定位' : '获取当前位置'}
        </View>
        {props.canPickOnMap ? (
          <View className='btn btn--ghost btn--small' onClick={props.onPickOnMap}>
            地图选点
          </View>
        ) : (
          <>
            <MapPickerButton near={location} onPick={props.onManual} />
            <View className='btn btn--ghost btn--small' onClick={() => setManualOpen(!manualOpen)}>
              手动输入
            </View>
          </>
        )}
      </View>

      {manualOpen ? (
        <View className='loc__manual'>
          <View className='muted'>请输入问题地点的坐标（国测局 GCJ-02，可从高德/腾讯地图获取）</View>
          <View className='loc__manual-row'>
            <Input className='field-input loc__manual-input' type='digit' placeholder='纬度 29.35' value={lat} onInput={(e) => setLat(e.detail.value)} />
            <Input className='field-input loc__manual-input' type='digit' placeholder='经度 113.12' value={lng} onInput={(e) => setLng(e.detail.value)} />
          </View>
          {manualError ? <View className='field-error'>{manualError}</View> : null}
          <View className='btn btn--primary btn--small' onClick={applyManual}>
            确定位置
          </View>
        </View>
      ) : null}

      {routing.state === 'loading' ? <View className='tip tip--info'>正在确认所属辖区…</View> : null}
      {routing.state === 'ok' ? (
        <View className='tip tip--success routing'>
          <Text>将转交：</Text>
          <Text className='routing__district'>{routing.result.district.name}</Text>
          {routing.result.zone?.name ? <Text>（{routing.result.zone.name}）</Text> : null}
          {routing.result.department?.name ? <Text> · {routing.result.department.name}</Text> : null}
        </View>
      ) : null}
      {routing.state === 'outside' ? <View className='tip tip--danger'>{routing.message}</View> : null}
      {routing.state === 'error' ? <View className='tip tip--warn'>{routing.message}</View> : null}
    </View>
  )
}
