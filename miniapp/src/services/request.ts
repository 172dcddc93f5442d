/**
 * The ONLY caller of Taro.request in the app. Base URL: '' on H5 (served by our server under /h5/),
 * the build-time API_BASE on weapp. Adds the Bearer token, maps every failure to ApiError,
 * and on a 401 logs in again once and retries.
 */
import Taro from '@tarojs/taro'
import { createClient, type RequestOptions } from './request-core'
import { performLogin } from './auth'
import { clearSession, clearToken, getToken, saveSession } from './session'
import type { LoginResponse } from './types'

export const client = createClient({
  baseUrl: process.env.TARO_ENV === 'h5' ? '' : API_BASE,
  getToken,
  clearToken,
  async login() {
    const res = await performLogin((url, data) =>
      client.request<LoginResponse>({ url, method: 'POST', data, auth: false }),
    )
    saveSession(res.token, res.user)
    return res.token
  },
  transport: ({ url, method, data, header }) =>
    new Promise((resolve, reject) => {
      Taro.request({
        url,
        method,
        data: data as Taro.request.Option['data'],
        header,
        timeout: 15000,
        dataType: 'json',
        success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
        fail: (err) => reject(err),
      })
    }),
})

export function request<T>(opts: RequestOptions): Promise<T> {
  return client.request<T>(opts)
}

export const ensureLogin = () => client.ensureLogin()

/** Forget the session; the next call logs in again. */
export function logout() {
  clearSession()
}
