import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Map as TaroMap } from '@tarojs/components'

interface Props {
  origin: { lat: number; lng: number; source: 'centre' | 'gps' }
  items: { id: string; name: string; location: { lat: number; lng: number } }[]
  onPick: (index: number) => void
}

const MAP_ID = 'poi-map'

/**
 * weapp map with one marker per result (marker id = list index). Markers join the map's own clustering
 * (nearby ones become one bubble with the count; a tap zooms in), so they neither cover each other nor
 * the scale, which the map draws itself.
 */
export default function PoiMap({ origin, items, onPick }: Props) {
  useEffect(() => {
    const ctx = Taro.createMapContext(MAP_ID) as unknown as { initMarkerCluster?: (o: Record<string, unknown>) => void }
    // base library 2.13+: older clients just show the single markers
    ctx.initMarkerCluster?.({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 })
  }, [])
  const markers = items.map((it, i) => ({
    id: i,
    latitude: it.location.lat,
    longitude: it.location.lng,
    title: it.name,
    width: 26,
    height: 34,
    joinCluster: true,
    callout: { content: `${i + 1}. ${it.name}`, display: 'BYCLICK', padding: 6, borderRadius: 6, fontSize: 13, color: '#1f2937', bgColor: '#ffffff' },
  }))
  const points = [{ latitude: origin.lat, longitude: origin.lng }, ...items.slice(0, 10).map((it) => ({ latitude: it.location.lat, longitude: it.location.lng }))]
  return (
    <TaroMap
      id={MAP_ID}
      className='poi-map'
      showScale
      latitude={origin.lat}
      longitude={origin.lng}
      scale={15}
      showLocation={origin.source === 'gps'}
      markers={markers as never}
      includePoints={points}
      onError={() => undefined}
      onMarkerTap={(e) => onPick(Number((e.detail as { markerId?: number }).markerId ?? -1))}
      onCalloutTap={(e) => onPick(Number((e.detail as { markerId?: number }).markerId ?? -1))}
    />
  )
}
