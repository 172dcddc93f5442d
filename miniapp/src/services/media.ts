/** Picking photos: chooseMedia (camera or album) on weapp; Taro's file input on H5. */
import Taro from '@tarojs/taro'
import { ApiError } from './errors'
import { ensurePrivacy } from './privacy'

/** Local paths of up to `count` images; [] when cancelled. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  if (!(await ensurePrivacy())) throw new ApiError(0, 'privacy_denied', '需要同意隐私保护指引后才能选择照片')
  try {
    const r = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      camera: 'back',
    })
    return r.tempFiles.map((f) => f.tempFilePath)
  } catch (e) {
    if (/cancel/i.test((e as { errMsg?: string })?.errMsg ?? '')) return []
    throw new ApiError(0, 'choose_failed', '未能读取照片，请重试')
  }
}

/** Whether a local temp file still exists (drafts restored after the app closed). */
export function localFileExists(path: string): boolean {
  if (!path) return false
  if (process.env.TARO_ENV === 'h5') return false // blob: URLs die with the page
  try {
    Taro.getFileSystemManager().accessSync(path)
    return true
  } catch {
    return false
  }
}
