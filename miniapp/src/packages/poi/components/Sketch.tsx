import { useEffect, useMemo, useState } from 'react'
import { View, Image } from '@tarojs/components'
import { fetchDistrictOutlines } from '../api'
import { buildSketchSvg, svgDataUri, type SketchDistrict, type SketchPoint } from '../sketch'

/** H5 static sketch: district outlines, the search centre and numbered result dots (no map SDK). */
export default function Sketch({ origin, points }: { origin: { lat: number; lng: number }; points: SketchPoint[] }) {
  const [districts, setDistricts] = useState<SketchDistrict[]>([])
  useEffect(() => {
    fetchDistrictOutlines()
      .then(setDistricts)
      .catch(() => undefined) // the sketch still shows the dots
  }, [])
  const src = useMemo(() => svgDataUri(buildSketchSvg({ districts, origin, points })), [districts, origin, points])
  return (
    <View className='card poi-sketch'>
      <Image className='poi-sketch__img' src={src} mode='widthFix' />
      <View className='poi-sketch__legend muted'>蓝点为搜索中心，数字与下方列表序号对应；“3处”表示该处挨得很近的有 3 个</View>
    </View>
  )
}
