import { describe, expect, it } from 'vitest'
import { statusLabel, timelineLabel, timelineHint, isSetback } from './ticket'
import { formatDateTime, formatDistance, maskPhone } from '../utils/format'

describe('labels', () => {
  it('status labels are Chinese with a fallback', () => {
    expect(statusLabel('submitted')).toBe('已提交，等待受理')
    expect(statusLabel('resolved')).toBe('处理完成，等待确认')
    expect(statusLabel('closed')).toBe('已办结')
    expect(statusLabel('weird')).toBe('处理中')
  })
  it('timeline: the shared resident event labels for what the server sends, hints and setbacks', () => {
    const ev = (type: string, more: { label?: string; toStatus?: 'closed' | 'dispatched' } = {}) => ({ type, label: more.label ?? '', toStatus: more.toStatus })
    const labels = ['created', 'accepted', 'dispatched', 'resolved', 'verified', 'returned', 'reworked', 'reopened'].map((type) => timelineLabel(ev(type)))
    expect(labels).toEqual(['提交诉求', '已受理', '转交处理', '处理完成', '已办结', '重新安排', '重新处理', '重新办理'])
    expect(timelineHint(ev('reopened'))).toContain('重新交办')
    expect(timelineHint(ev('verified'))).toBe('确认处理完成，诉求已办结')
    expect(isSetback(ev('reworked'))).toBe(true)
    expect(isSetback(ev('accepted'))).toBe(false)
    expect(timelineLabel(ev('something_new', { label: '新事件' }))).toBe('新事件')
    expect(timelineLabel(ev('something_new', { toStatus: 'dispatched' }))).toBe('正在处理')
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
