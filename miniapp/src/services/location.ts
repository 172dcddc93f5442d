/**
 * Where is the problem? Always returns GCJ-02.
 *  - weapp: getLocation({type:'gcj02'}), adjustable with chooseLocation (both need privacy consent).
 *  - H5: browser geolocation (WGS-84) converted with gcoord; manual entry as fallback.
 */
import Taro from '@tarojs/taro'
import { ApiError } from './errors'
import { ensurePrivacy } from './privacy'
import { round6, wgs84ToGcj02 } from '../utils/coord'
import type { DraftLocation } from '../stores/draft'

function denied(message: string) {
  return new ApiError(0, 'location_denied', message)
}

async function weappCurrent(): Promise<DraftLocation> {
  if (!(await ensurePrivacy())) throw denied('需要同意隐私保护指引后才能定位')
  try {
    const r = await Taro.getLocation({ type: 'gcj02' })
    return { lat: round6(r.latitude), lng: round6(r.longitude), coordSys: 'gcj02', source: 'gps' }
  } catch (e) {
    const msg = (e as { errMsg?: string })?.errMsg ?? ''
    if (/auth deny|authorize/i.test(msg)) {
      const { confirm } = await Taro.showModal({
        title: '需要位置权限',
        content: '请在设置中允许「城管通」使用位置信息，以便确定问题所在辖区。',
        confirmText: '去设置',
        confirmColor: '#1d63d8',
      })
      if (confirm) await Taro.openSetting()
    }
    throw denied('定位失败，请在地图上选点或稍后重试')
  }
}

function h5Current(): Promise<DraftLocation> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(denied('当前浏览器不支持定位，请手动输入位置'))
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const g = wgs84ToGcj02({ lat: pos.coords.latitude, lng: pos.coords.longitude })
        resolve({ ...g, coordSys: 'gcj02', source: 'gps' })
      },
      (err) =>
        reject(denied(err.code === err.PERMISSION_DENIED ? '您未允许浏览器定位，请手动输入位置' : '定位失败，请手动输入位置')),
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    )
  })
}

/** Current position in GCJ-02. */
export function getCurrentLocation(): Promise<DraftLocation> {
  return process.env.TARO_ENV === 'weapp' ? weappCurrent() : h5Current()
}

/** True where a map picker (chooseLocation) is available. */
export const canPickOnMap = process.env.TARO_ENV === 'weapp'

/** Map picker (weapp). Resolves null when the resident cancels. */
export async function pickOnMap(near?: { lat: number; lng: number }): Promise<DraftLocation | null> {
  if (!(await ensurePrivacy())) throw denied('需要同意隐私保护指引后才能选点')
  try {
    const r = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {})
    const address = [r.address, r.name].filter(Boolean).join(' ')
    return { lat: round6(r.latitude), lng: round6(r.longitude), coordSys: 'gcj02', address, source: 'map' }
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return null
    throw denied('地图选点失败，请稍后重试')
  }
}
