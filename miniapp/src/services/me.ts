/** The resident's rights over their data (server: routes/me): a copy to keep, and account deletion. */
import Taro from '@tarojs/taro'
import type { DeleteAccountResponse, MyDataExport } from '@cgt/shared/schemas/me'
import { logout, request } from './request'

export function fetchMyData(): Promise<MyDataExport> {
  return request<MyDataExport>({ url: '/api/v1/me/export' })
}

/**
 * Puts the export where the resident can keep it: a downloaded file on H5; on WeChat a file in the
 * mini-program's user folder, offered to forward to a chat (文件传输助手 is the usual "save").
 */
export async function saveMyData(data: MyDataExport): Promise<'downloaded' | 'shared' | 'saved'> {
  const fileName = `我的数据-${data.exportedAt.slice(0, 10)}.json`
  const text = JSON.stringify(data, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    return 'downloaded'
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, text, 'utf8')
  try {
    await Taro.shareFileMessage({ filePath, fileName })
    return 'shared'
  } catch {
    return 'saved'
  }
}

/** Deletes the account (records stay, unlinked); the local session goes with it. */
export async function deleteMyAccount(): Promise<DeleteAccountResponse> {
  const r = await request<DeleteAccountResponse>({ url: '/api/v1/me', method: 'DELETE' })
  logout()
  return r
}
