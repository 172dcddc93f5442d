import { describe, expect, it } from 'vitest'
import { statusLabel, timelineLabel, timelineHint, isSetback } from './ticket'
import { formatDateTime, formatDistance, maskPhone } from '../utils/format'

describe('labels', () => {
  it('status labels are Chinese with a fallback', () => {
    expect(statusLabel('submitted')).toBe('待受理')
    expect(statusLabel('closed')).toBe('已结案')
    expect(statusLabel('weird')).toBe('处理中')
  })
  it('timeline: the shared event labels for what the server sends, hints and setbacks', () => {
    const ev = (type: string, more: { label?: string; toStatus?: 'closed' | 'dispatched' } = {}) => ({ type, label: more.label ?? '', toStatus: more.toStatus })
    const labels = ['created', 'accepted', 'dispatched', 'resolved', 'verified', 'returned', 'reworked', 'reopened'].map((type) => timelineLabel(ev(type)))
    expect(labels).toEqual(['提交上报', '已立案', '已派遣', '处置反馈', '核查结案', '回退', '返工', '重办'])
    expect(timelineHint(ev('reopened'))).toContain('重新派遣')
    expect(timelineHint(ev('verified'))).toBe('核查通过，诉求已结案')
    expect(isSetback(ev('reworked'))).toBe(true)
    expect(isSetback(ev('accepted'))).toBe(false)
    expect(timelineLabel(ev('something_new', { label: '新事件' }))).toBe('新事件')
    expect(timelineLabel(ev('something_new', { toStatus: 'dispatched' }))).toBe('处置中')
  })
})

describe('format', () => {
  it('shows Beijing time', () => {
    expect(formatDateTime('2026-11-27T16:30:00Z')).toBe('2026-11-28 00:30')
    expect(formatDateTime(undefined)).toBe('')
  })
  it('distances and phones', () => {
    expect(formatDistance(35.4)).toBe('35 米')
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
})
