import { Map as TaroMap } from '@tarojs/components'

interface Props {
  origin: { lat: number; lng: number; source: 'centre' | 'gps' }
  items: { id: string; name: string; location: { lat: number; lng: number } }[]
  onPick: (index: number) => void
}

/** weapp map with one marker per result (marker id = list index). */
export default function PoiMap({ origin, items, onPick }: Props) {
  const markers = items.map((it, i) => ({
    id: i,
    latitude: it.location.lat,
    longitude: it.location.lng,
    title: it.name,
    width: 26,
    height: 34,
    callout: { content: `${i + 1}. ${it.name}`, display: 'BYCLICK', padding: 6, borderRadius: 6, fontSize: 13, color: '#1f2937', bgColor: '#ffffff' },
  }))
  const points = [{ latitude: origin.lat, longitude: origin.lng }, ...items.slice(0, 10).map((it) => ({ latitude: it.location.lat, longitude: it.location.lng }))]
  return (
    <TaroMap
      className='poi-map'
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
