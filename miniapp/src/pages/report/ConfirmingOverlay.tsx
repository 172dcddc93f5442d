import { View } from '@tarojs/components'

interface Props {
  /** confirmation attempts so far (1 = the first answer was lost) */
  tries: number
}

/**
 * Covers the form while a sent report's outcome is unknown: nothing can be edited until the server has
 * answered, because an edited body under the same key would be refused and a new key could file twice.
 */
export default function ConfirmingOverlay({ tries }: Props) {
  return (
    <View className='confirming' catchMove>
      <View className='confirming__card card' role='status' aria-live='polite'>
        <View className='confirming__spinner' />
        <View className='confirming__title'>正在确认提交结果…</View>
        <View className='muted confirming__text'>
          网络不稳定，暂未收到服务器的答复。正在用同一份草稿向服务器确认，不会重复立案；确认前草稿不能修改，请勿清空。
        </View>
        {tries > 1 ? <View className='muted confirming__tries'>已重新确认 {tries - 1} 次</View> : null}
      </View>
    </View>
  )
}
