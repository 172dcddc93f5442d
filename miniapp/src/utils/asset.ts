import { client } from '../services/request'

/** Server paths ('/uploads/…') become absolute on weapp; H5 is same-origin. */
export function assetUrl(u?: string): string {
  if (!u) return ''
  if (/^(https?:|blob:|data:|wxfile:)/.test(u) || u.startsWith('http://tmp') ) return u
  return u.startsWith('/') ? client.url(u) : u
}
