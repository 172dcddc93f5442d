/** The resident's session (token + user) in local storage, so a reopened app stays logged in. */
import Taro from '@tarojs/taro'
import type { CitizenUser } from './types'

const TOKEN_KEY = 'cgt:token'
const USER_KEY = 'cgt:user'

export function getToken(): string | null {
  const t = Taro.getStorageSync(TOKEN_KEY)
  return typeof t === 'string' && t ? t : null
}

export function getUser(): CitizenUser | null {
  const u = Taro.getStorageSync(USER_KEY)
  return u && typeof u === 'object' ? (u as CitizenUser) : null
}

export function saveSession(token: string, user: CitizenUser) {
  Taro.setStorageSync(TOKEN_KEY, token)
  Taro.setStorageSync(USER_KEY, user)
}

export function clearToken() {
  Taro.removeStorageSync(TOKEN_KEY)
}

export function clearSession() {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
}
