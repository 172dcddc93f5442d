import { View, Text } from '@tarojs/components'
import type { Consent, Origin } from '../useOrigin'

interface Props {
  what: string
  origin: Origin
  consent: Consent
  notice: string
  locating: boolean
  onAnswer: (agree: boolean) => void
  onUseMine: () => void
}

/** The consent card (before any location call), then where the list is measured from. */
export default function LocationBar({ what, origin, consent, notice, locating, onAnswer, onUseMine }: Props) {
  return (
    <View>
      {consent === '' ? (
        <View className='card poi-consent'>
          <View className='poi-consent__title'>使用您的位置查找附近的{what}？</View>
          <View className='muted'>位置仅用于计算距离和排序，不会保存或上传到诉求记录。不允许也可以使用，将显示岳阳市中心附近的{what}。</View>
          <View className='poi-consent__actions'>
            <View className='btn btn--ghost btn--small poi-consent__no' onClick={() => onAnswer(false)}>
              不允许
            </View>
            <View className='btn btn--primary btn--small poi-consent__yes' onClick={() => onAnswer(true)}>
              允许使用位置
            </View>
          </View>
        </View>
      ) : null}
      {notice ? <View className='tip tip--warn poi-notice'>{notice}</View> : null}
      <View className='poi-origin'>
        <Text className='poi-origin__text'>
          {locating ? '正在定位…' : origin.source === 'gps' ? '距离按您的当前位置计算' : '距离按岳阳市中心计算'}
        </Text>
        {consent !== '' && !locating ? (
          <Text className='link poi-origin__mine' onClick={onUseMine}>
            {origin.source === 'gps' ? '重新定位' : '使用我的位置'}
          </Text>
        ) : null}
      </View>
    </View>
  )
}
