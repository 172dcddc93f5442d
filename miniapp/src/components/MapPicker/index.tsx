import { useState } from 'react'
import { View } from '@tarojs/components'
import type { DraftLocation } from '../../stores/draft'
import MapPickerSheet from './MapPickerSheet'

interface Props {
  near: DraftLocation | null
  onPick: (loc: DraftLocation) => void
}

/**
 * 地图选点 on H5: opens a full-screen map with a draggable pin. The mini-program keeps wx.chooseLocation
 * (services/location.ts); this component renders nothing there, and Leaflet is loaded only when the sheet
 * opens, from a chunk of the H5 build.
 */
export default function MapPickerButton({ near, onPick }: Props) {
  const [open, setOpen] = useState(false)
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <>
      <View className='btn btn--ghost btn--small map-picker__open' onClick={() => setOpen(true)}>
        地图选点
      </View>
      {open ? (
        <MapPickerSheet
          near={near}
          onCancel={() => setOpen(false)}
          onConfirm={(p) => {
            setOpen(false)
            onPick({ lat: p.lat, lng: p.lng, coordSys: 'gcj02', source: 'map', address: near?.address })
          }}
        />
      ) : null}
    </>
  )
}
