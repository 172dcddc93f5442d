import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { answerPrivacy, openPrivacyContract, subscribePrivacyPopup } from '../../services/privacy'
import './index.scss'

const AGREE_ID = 'cgt-privacy-agree'

/**
 * Privacy consent popup shown when WeChat reports that the resident has not yet agreed to the
 * 《用户隐私保护指引》. Renders nothing on H5.
 */
export default function PrivacyConsent() {
  const [open, setOpen] = useState(false)
  useEffect(() => subscribePrivacyPopup(setOpen), [])
  if (process.env.TARO_ENV !== 'weapp' || !open) return null
  return (
    <View>
      <View className='mask' />
      <View className='privacy'>
        <View className='privacy__title'>个人信息保护提示</View>
        <View className='privacy__body'>
          <Text>
            为了受理您反映的城市管理问题，「城管通」需要使用您的照片（拍摄或从相册选择）和位置信息，并在您自愿填写时使用联系电话。
            我们只将这些信息用于诉求办理和结果回访，照片上传时会去除拍摄位置等附加信息。
          </Text>
          <View className='privacy__link' onClick={openPrivacyContract}>
            阅读《城管通用户隐私保护指引》
          </View>
        </View>
        <View className='privacy__actions'>
          <Button className='btn privacy__btn' onClick={() => {
            answerPrivacy(false)
            Taro.showToast({ title: '未同意将无法使用拍照和定位', icon: 'none' })
          }}>
            不同意
          </Button>
          <Button
            id={AGREE_ID}
            className='btn btn--primary privacy__btn'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true, AGREE_ID)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
