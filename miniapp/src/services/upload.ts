/**
 * Photo upload: POST /api/v1/uploads, multipart field `file` → 201 {id,url,thumbnailUrl,width,height}.
 * The one network call outside request.ts (Taro.request cannot send multipart); it still goes through
 * the client's `authed` so token, 401 re-login and error mapping are shared.
 */
import Taro from '@tarojs/taro'
import { client } from './request'
import type { UploadResult } from './types'

export interface UploadHandle {
  promise: Promise<UploadResult>
  abort: () => void
}

/** Uploads one local file; `onProgress` receives 0–100. */
export function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): UploadHandle {
  let task: Taro.UploadTask | null = null
  let aborted = false
  const promise = client.authed<UploadResult>(
    (token) =>
      new Promise((resolve, reject) => {
        if (aborted) return reject({ errMsg: 'uploadFile:fail abort' })
        const header: Record<string, string> = {}
        if (token) header.Authorization = `Bearer ${token}`
        task = Taro.uploadFile({
          url: client.url('/api/v1/uploads'),
          filePath,
          name: 'file',
          header,
          timeout: 60000,
          success: (res) => resolve({ statusCode: res.statusCode, data: parse(res.data) }),
          fail: (err) => reject(err),
        } as Taro.uploadFile.Option)
        task?.onProgressUpdate?.((p) => onProgress?.(p.progress))
      }),
  )
  return {
    promise,
    abort: () => {
      aborted = true
      task?.abort()
    },
  }
}

/** uploadFile hands back the body as a string. */
function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}
