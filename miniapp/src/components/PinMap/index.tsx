import { useEffect, useState } from 'react'
import { Map as TaroMap, View } from '@tarojs/components'
import type { LatLng } from '@cgt/shared/geo/coords'
import { mapBase, mapConfig } from '../MapPicker/map-data'
import { loadLeafletMap } from '../MapPicker/MapPickerSheet'
import './index.scss'

let seq = 0

/**
 * A small map with one pin: where the reported problem is. H5 draws it with Leaflet over our own outlines
 * (and the operator's tiles); the mini-program uses its native map.
 */
export default function PinMap({ point }: { point: LatLng }) {
  const [id] = useState(() => `cgt-pin-map-${++seq}`)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    let destroyed = false
    let destroy = () => {}
    ;(async () => {
      const [config, lib] = await Promise.all([mapConfig(), loadLeafletMap()])
      const base = await mapBase().catch(() => null)
      const el = document.getElementById(id)
      if (destroyed || !el) return
      const m = lib.createBaseMap(el, config, base, { center: point, zoom: 14, interactive: false })
      lib.L.marker(m.toView(point), { icon: lib.pinIcon(), interactive: false, keyboard: false }).addTo(m.map)
      destroy = m.destroy
    })().catch(() => undefined) // the detail page works without its map
    return () => {
      destroyed = true
      destroy()
    }
  }, [id, point.lat, point.lng])

  if (process.env.TARO_ENV === 'h5') return <View id={id} className='pin-map' />
  return (
    <TaroMap
      className='pin-map'
      latitude={point.lat}
      longitude={point.lng}
      scale={15}
      enableScroll={false}
      enableZoom={false}
      markers={[{ id: 0, latitude: point.lat, longitude: point.lng, width: 26, height: 34 }] as never}
      onError={() => undefined}
    />
  )
}
