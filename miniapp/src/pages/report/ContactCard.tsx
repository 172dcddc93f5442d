import { View, Text, Switch, Input } from '@tarojs/components'
import { PHONE_MESSAGES } from '@cgt/shared/format/phone'

interface Props {
  anonymous: boolean
  phone: string
  /** show the phone error (after the field was left or a submit was refused) */
  phoneInvalid: boolean
  onAnonymous: (v: boolean) => void
  onPhone: (v: string) => void
  onPhoneBlur: () => void
}

/** 匿名上报 and the optional contact phone (a mobile or a landline with area code: the server's rule). */
export default function ContactCard({ anonymous, phone, phoneInvalid, onAnonymous, onPhone, onPhoneBlur }: Props) {
  return (
    <View className='card report__contact'>
      <View className='switch-row'>
        <View>
          <View>匿名上报</View>
          <View className='muted'>{anonymous ? '匿名后工作人员无法与您电话联系' : '工作人员可能与您联系核实情况'}</View>
        </View>
        <Switch checked={anonymous} color='#1d63d8' onChange={(e) => onAnonymous(e.detail.value)} />
      </View>
      {!anonymous ? (
        <View className='report__phone'>
          <Text className='report__phone-label'>联系电话</Text>
          <Input
            className='report__phone-input'
            type='number'
            maxlength={13}
            value={phone}
            placeholder='选填，便于回访核实'
            onInput={(e) => onPhone(e.detail.value)}
            onBlur={onPhoneBlur}
          />
        </View>
      ) : null}
      {phoneInvalid && !anonymous ? <View className='field-error'>{PHONE_MESSAGES.contactInvalid}</View> : null}
    </View>
  )
}
