/**
 * How a resident logs in on each platform. The POST itself is passed in by request.ts
 * (so this file never calls Taro.request).
 *  - weapp: silent Taro.login → POST /api/v1/auth/wechat {code}
 *  - H5 inside WeChat: web OAuth (snsapi_base) code → POST /api/v1/auth/wechat-h5 {code}
 *  - other browsers: POST /api/v1/auth/demo {nickname} (server offers it only in demo mode)
 */
import Taro from '@tarojs/taro'
import { ApiError } from './errors'
import type { LoginResponse } from './types'

export type Post = (url: string, data: unknown) => Promise<LoginResponse>

const DEMO_NICK_KEY = 'cgt:demo-nickname'

/** True when the H5 page runs inside the WeChat browser. */
export function isWechatBrowser(ua: string): boolean {
  return /MicroMessenger/i.test(ua)
}

function demoNickname(): string {
  let nick = Taro.getStorageSync(DEMO_NICK_KEY)
  if (typeof nick !== 'string' || !nick) {
    nick = `岳阳市民${Math.floor(1000 + Math.random() * 9000)}`
    Taro.setStorageSync(DEMO_NICK_KEY, nick)
  }
  return nick
}

/** Reads and removes `code` from the H5 URL after the WeChat OAuth redirect. */
function takeOauthCode(): string | null {
  const url = new URL(window.location.href)
  const code = url.searchParams.get('code')
  if (!code) return null
  url.searchParams.delete('code')
  url.searchParams.delete('state')
  window.history.replaceState(null, '', url.toString())
  return code
}

function redirectToWechatOauth(appid: string): Promise<never> {
  const redirect = encodeURIComponent(window.location.href)
  window.location.replace(
    `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${appid}&redirect_uri=${redirect}` +
      '&response_type=code&scope=snsapi_base&state=cgt#wechat_redirect',
  )
  // The page is leaving; never settle.
  return new Promise<never>(() => {})
}

async function loginH5(post: Post): Promise<LoginResponse> {
  if (isWechatBrowser(navigator.userAgent) && WECHAT_H5_APPID) {
    const code = takeOauthCode()
    if (code) return post('/api/v1/auth/wechat-h5', { code })
    return redirectToWechatOauth(WECHAT_H5_APPID)
  }
  try {
    return await post('/api/v1/auth/demo', { nickname: demoNickname() })
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      throw new ApiError(404, 'login_unavailable', '请在微信中打开城管通以登录')
    }
    throw e
  }
}

async function loginWeapp(post: Post): Promise<LoginResponse> {
  const { code } = await Taro.login()
  if (!code) throw new ApiError(0, 'wechat_login_failed', '微信登录失败，请稍后重试')
  return post('/api/v1/auth/wechat', { code })
}

/** Logs in on the current platform and returns `{token, user}`. */
export function performLogin(post: Post): Promise<LoginResponse> {
  return process.env.TARO_ENV === 'h5' ? loginH5(post) : loginWeapp(post)
}
