import { View, Image, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { MAX_PHOTOS, type DraftPhoto } from '../../stores/draft'
import { assetUrl } from '../../utils/asset'
import './PhotoGrid.scss'

interface Props {
  photos: DraftPhoto[]
  onAdd: () => void
  onRetry: (key: string) => void
  onRemove: (key: string) => void
}

function src(p: DraftPhoto) {
  return p.localPath || assetUrl(p.thumbnailUrl || p.url)
}

/** Up to nine tiles, each with its own progress bar, retry and delete. */
export default function PhotoGrid({ photos, onAdd, onRetry, onRemove }: Props) {
  function preview(p: DraftPhoto) {
    const urls = photos.map((x) => x.localPath || assetUrl(x.url || x.thumbnailUrl)).filter(Boolean)
    Taro.previewImage({ urls, current: p.localPath || assetUrl(p.url || p.thumbnailUrl) })
  }
  return (
    <View className='photos'>
      {photos.map((p) => (
        <View key={p.key} className='photos__tile'>
          <Image className='photos__img' src={src(p)} mode='aspectFill' onClick={() => preview(p)} />
          {p.status === 'uploading' ? (
            <View className='photos__overlay'>
              <Text className='photos__pct'>{Math.round(p.progress)}%</Text>
              <View className='photos__bar'>
                <View className='photos__bar-fill' style={{ width: `${Math.max(4, p.progress)}%` }} />
              </View>
            </View>
          ) : null}
          {p.status === 'failed' ? (
            <View className='photos__overlay photos__overlay--failed' onClick={() => onRetry(p.key)}>
              <Text className='photos__failed'>上传失败</Text>
              <Text className='photos__retry'>点击重试</Text>
            </View>
          ) : null}
          <View className='photos__del' onClick={() => onRemove(p.key)}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < MAX_PHOTOS ? (
        <View className='photos__tile photos__add' onClick={onAdd}>
          <View className='photos__plus' />
          <Text className='photos__add-text'>{photos.length === 0 ? '拍照/相册' : `${photos.length}/${MAX_PHOTOS}`}</Text>
        </View>
      ) : null}
    </View>
  )
}
