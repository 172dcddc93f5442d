/**
 * Where to search from. Location is asked for only after the resident agrees on the page (and, on weapp,
 * after the privacy consent that getCurrentLocation runs first). Refused or failed → the city centre,
 * with a notice saying so. The answer is remembered (cgt:poi-location) so the card is not shown again.
 */
import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { getCurrentLocation } from '../../services/location'

export const CITY_CENTRE = { lat: 29.3572, lng: 113.1289 }
const CONSENT_KEY = 'cgt:poi-location'

export type Consent = '' | 'granted' | 'denied'
export interface Origin {
  lat: number
  lng: number
  source: 'centre' | 'gps'
}

export function useOrigin(what: string) {
  const [consent, setConsent] = useState<Consent>(() => {
    const v = Taro.getStorageSync(CONSENT_KEY)
    return v === 'granted' || v === 'denied' ? v : ''
  })
  const [origin, setOrigin] = useState<Origin>({ ...CITY_CENTRE, source: 'centre' })
  const [notice, setNotice] = useState(consent === 'denied' ? deniedNotice(what) : '')
  const [locating, setLocating] = useState(false)

  const locate = useCallback(async () => {
    setLocating(true)
    try {
      const l = await getCurrentLocation()
      setOrigin({ lat: l.lat, lng: l.lng, source: 'gps' })
      setNotice('')
    } catch {
      setOrigin({ ...CITY_CENTRE, source: 'centre' })
      setNotice(`未能获取您的位置（定位被拒绝或失败），当前显示岳阳市中心附近的${what}。`)
    } finally {
      setLocating(false)
    }
  }, [what])

  useEffect(() => {
    if (consent === 'granted') locate()
    // once, on opening the page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const answer = useCallback(
    (agree: boolean) => {
      const v: Consent = agree ? 'granted' : 'denied'
      Taro.setStorageSync(CONSENT_KEY, v)
      setConsent(v)
      if (agree) locate()
      else {
        setOrigin({ ...CITY_CENTRE, source: 'centre' })
        setNotice(deniedNotice(what))
      }
    },
    [locate, what],
  )

  /** "使用我的位置" after an earlier refusal: asking again is the resident's own choice. */
  const useMine = useCallback(() => answer(true), [answer])

  return { origin, consent, notice, locating, answer, useMine }
}

function deniedNotice(what: string) {
  return `您未允许使用位置信息，当前显示岳阳市中心附近的${what}。`
}

/** 导航: WeChat's map (weapp, or H5 inside WeChat with JSSDK); elsewhere the Amap web page. */
export function navigateTo(p: { lat: number; lng: number; name: string; address?: string }, webUrl: string) {
  const inWeChatH5 = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && !!(window as unknown as { wx?: { openLocation?: unknown } }).wx?.openLocation
  if (process.env.TARO_ENV === 'weapp' || inWeChatH5) {
    Taro.openLocation({ latitude: p.lat, longitude: p.lng, name: p.name, address: p.address ?? '', scale: 16 }).catch(() =>
      Taro.showToast({ title: '无法打开地图', icon: 'none' }),
    )
    return
  }
  window.open(webUrl, '_blank')
}
