import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ensureLogin, logout } from '../../services/request'
import { getUser } from '../../services/session'
import { messageOf } from '../../services/errors'
import { deleteMyAccount, fetchMyData, saveMyData } from '../../services/me'
import { PAGES } from '../../utils/nav'
import type { CitizenUser } from '../../services/types'
import './index.scss'

/** 我的: who is logged in, 我的诉求, my data (export, delete the account), privacy policy, hotline. */
export default function Me() {
  const [user, setUser] = useState<CitizenUser | null>(getUser())
  const [error, setError] = useState('')

  useDidShow(() => {
    ensureLogin()
      .then(() => {
        setUser(getUser())
        setError('')
      })
      .catch((e) => setError(messageOf(e)))
  })

  const name = user?.nickname || '岳阳市民'

  const [busy, setBusy] = useState(false)

  async function handleExport() {
    if (busy) return
    setBusy(true)
    Taro.showLoading({ title: '正在导出…' })
    try {
      const how = await saveMyData(await fetchMyData())
      Taro.hideLoading()
      Taro.showToast({ title: how === 'saved' ? '已保存到小程序文件' : '已导出', icon: 'success' })
    } catch (e) {
      Taro.hideLoading()
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  async function handleDelete() {
    const r = await Taro.showModal({
      title: '注销账号',
      content: '注销后您的账号和订阅设置将被删除；已提交的诉求和信访件作为档案保留，但不再与您关联，联系电话将被删除，您将无法再查看其进度。确定注销吗？',
      confirmText: '确认注销',
      confirmColor: '#d9363e',
    })
    if (!r.confirm || busy) return
    setBusy(true)
    try {
      await deleteMyAccount()
      setUser(null)
      Taro.showToast({ title: '账号已注销', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  function handleLogout() {
    Taro.showModal({ title: '退出登录', content: '退出后需要重新登录才能查看诉求。', confirmText: '退出', confirmColor: '#d9363e' }).then((r) => {
      if (!r.confirm) return
      logout()
      setUser(null)
      Taro.showToast({ title: '已退出', icon: 'none' })
    })
  }

  return (
    <View className='page me'>
      <View className='me__head'>
        <View className='me__avatar'>
          <Text>{name.slice(0, 1)}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name'>{user ? name : '未登录'}</Text>
          <Text className='me__sub'>{error || (user ? '感谢您参与城市管理' : '正在登录…')}</Text>
        </View>
      </View>

      <View className='card me__cells'>
        <View className='cell' onClick={() => Taro.navigateTo({ url: PAGES.myReports })}>
          <Text className='cell__label'>我的诉求</Text>
          <Text className='cell__value'>查看办理进度</Text>
          <View className='cell__arrow' />
        </View>
        <View className='cell' onClick={() => Taro.navigateTo({ url: PAGES.myComplaints })}>
          <Text className='cell__label'>我的信访</Text>
          <Text className='cell__value'>受理与答复</Text>
          <View className='cell__arrow' />
        </View>
        <View className='cell' onClick={() => Taro.switchTab({ url: PAGES.report })}>
          <Text className='cell__label'>随手拍</Text>
          <View className='cell__arrow' />
        </View>
      </View>

      <View className='card me__cells'>
        <View className='cell me__export' onClick={() => void handleExport()}>
          <Text className='cell__label'>导出我的数据</Text>
          <Text className='cell__value'>资料、诉求、信访件</Text>
          <View className='cell__arrow' />
        </View>
        <View className='cell me__delete' onClick={() => void handleDelete()}>
          <Text className='cell__label'>注销账号</Text>
          <Text className='cell__value'>删除账号，诉求匿名保留</Text>
          <View className='cell__arrow' />
        </View>
      </View>

      <View className='card me__cells'>
        <View className='cell' onClick={() => Taro.navigateTo({ url: PAGES.privacy })}>
          <Text className='cell__label'>隐私政策</Text>
          <View className='cell__arrow' />
        </View>
        <View className='cell' onClick={() => Taro.makePhoneCall({ phoneNumber: '12319' }).catch(() => undefined)}>
          <Text className='cell__label'>城管服务热线</Text>
          <Text className='cell__value'>12319</Text>
          <View className='cell__arrow' />
        </View>
        <View className='cell'>
          <Text className='cell__label'>关于城管通</Text>
          <Text className='cell__value'>岳阳市城市管理局 · v0.1</Text>
        </View>
      </View>

      {process.env.TARO_ENV === 'h5' && user ? (
        <View className='btn btn--danger me__logout' onClick={handleLogout}>
          退出登录
        </View>
      ) : null}
    </View>
  )
}
