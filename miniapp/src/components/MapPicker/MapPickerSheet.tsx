import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { LatLng } from '@cgt/shared/geo/coords'
import { resolveRouting } from '../../services/api'
import { ApiError, messageOf } from '../../services/errors'
import { round6 } from '../../utils/coord'
import { mapBase, mapConfig } from './map-data'
import { placeLabel } from './place-label'
import './index.scss'

interface Props {
  near: LatLng | null
  onCancel: () => void
  onConfirm: (p: LatLng) => void
}

type Place = { state: 'loading' } | { state: 'ok'; label: string } | { state: 'outside' } | { state: 'error'; message: string }

const MAP_ID = 'cgt-map-picker'

/** The constant condition lets webpack drop the import (and Leaflet) from every build but H5. */
export function loadLeafletMap(): Promise<typeof import('./leaflet-map')> {
  return process.env.TARO_ENV === 'h5' ? import(/* webpackChunkName: "leaflet-map" */ './leaflet-map') : Promise.reject(new Error('map picker is H5 only'))
}

/** The full-screen picker: map, pin, the place under the pin ("君山区 · 柳林洲街道"), 确定 / 取消. */
export default function MapPickerSheet({ near, onCancel, onConfirm }: Props) {
  const [point, setPoint] = useState<LatLng | null>(near ? { lat: near.lat, lng: near.lng } : null)
  const [place, setPlace] = useState<Place>({ state: 'loading' })
  const [loadError, setLoadError] = useState('')
  const seq = useRef(0)

  useEffect(() => {
    let destroyed = false
    let destroy = () => {}
    ;(async () => {
      try {
        const [config, lib] = await Promise.all([mapConfig(), loadLeafletMap()])
        // the vector base is ours and small; without it the map still works on the tiles alone
        const base = await mapBase().catch(() => null)
        const el = document.getElementById(MAP_ID)
        if (destroyed || !el) return
        const start = near ?? config.center
        const m = lib.createBaseMap(el, config, base, { center: start, zoom: near ? 15 : config.zoom })
        const pin = lib.L.marker(m.toView(start), { draggable: true, icon: lib.pinIcon(), autoPan: true }).addTo(m.map)
        const moved = (p: LatLng) => setPoint({ lat: round6(p.lat), lng: round6(p.lng) })
        pin.on('dragend', () => moved(m.fromView(pin.getLatLng())))
        m.map.on('click', (e: { latlng: import('leaflet').LatLng }) => {
          pin.setLatLng(e.latlng)
          moved(m.fromView(e.latlng))
        })
        moved(start)
        destroy = m.destroy
      } catch (e) {
        if (!destroyed) setLoadError(`地图加载失败（${messageOf(e)}）`)
      }
    })()
    return () => {
      destroyed = true
      destroy()
    }
    // the map is built once per opening
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    if (!point) return
    const n = ++seq.current
    setPlace({ state: 'loading' })
    const t = setTimeout(() => {
      resolveRouting({ lat: point.lat, lng: point.lng, coordSys: 'gcj02' })
        .then((r) => n === seq.current && setPlace({ state: 'ok', label: placeLabel(r) }))
        .catch((e) => {
          if (n !== seq.current) return
          setPlace(e instanceof ApiError && e.code === 'outside_jurisdiction' ? { state: 'outside' } : { state: 'error', message: messageOf(e) })
        })
    }, 200)
    return () => clearTimeout(t)
  }, [point])

  const canConfirm = !!point && place.state !== 'outside' && place.state !== 'loading'
  return (
    <View className='map-picker'>
      <View className='map-picker__bar'>
        <Text className='map-picker__cancel' onClick={onCancel}>
          取消
        </Text>
        <Text className='map-picker__title'>地图选点</Text>
        <Text className={`map-picker__ok ${canConfirm ? '' : 'map-picker__ok--off'}`} onClick={() => canConfirm && point && onConfirm(point)}>
          确定
        </Text>
      </View>
      <View id={MAP_ID} className='map-picker__map' />
      <View className='map-picker__place'>
        {loadError ? <Text className='map-picker__warn'>{loadError}</Text> : null}
        {place.state === 'loading' ? <Text className='muted'>正在确认位置…</Text> : null}
        {place.state === 'ok' ? <Text className='map-picker__label'>{place.label}</Text> : null}
        {place.state === 'outside' ? <Text className='map-picker__warn'>该位置不在岳阳市城管服务范围内，请把图钉拖到市区内</Text> : null}
        {place.state === 'error' ? <Text className='map-picker__warn'>暂时无法确认所属辖区（{place.message}）</Text> : null}
        <Text className='map-picker__hint'>拖动图钉或点击地图，选择问题所在位置</Text>
      </View>
    </View>
  )
}
