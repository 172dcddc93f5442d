import { describe, expect, it } from 'vitest'
import { statusLabel, timelineLabel, timelineHint, isSetback } from './ticket'
import { formatDateTime, formatDistance, maskPhone } from '../utils/format'

describe('labels', () => {
  it('status labels are Chinese with a fallback', () => {
    expect(statusLabel('submitted')).toBe('待受理')
    expect(statusLabel('closed')).toBe('已结案')
    expect(statusLabel('weird')).toBe('处理中')
  })
  it('timeline covers the closed loop and setbacks', () => {
    const labels = ['submit', 'accept', 'dispatch', 'resolve', 'verify', 'close', 'return', 'rework', 'reopen'].map((action) =>
      timelineLabel({ action }),
    )
    expect(labels).toEqual(['提交上报', '受理立案', '派遣', '处置', '核查', '结案', '回退', '返工', '重办'])
    expect(timelineLabel({ type: 'verify', to: 'closed' })).toBe('核查 · 结案')
    const stored = ['created', 'accepted', 'dispatched', 'resolved', 'verified', 'returned', 'reworked', 'reopened'].map((type) =>
      timelineLabel({ type }),
    )
    expect(stored).toEqual(['提交上报', '受理立案', '派遣', '处置', '核查', '回退', '返工', '重办'])
    expect(timelineHint({ event: 'reopen' })).toContain('重新派遣')
    expect(isSetback({ action: 'rework' })).toBe(true)
    expect(timelineLabel({ to: 'dispatched' })).toBe('处置中')
    expect(timelineLabel({ type: 'verified', toStatus: 'closed' })).toBe('核查 · 结案')
    expect(timelineLabel({ type: 'something_new', label: '新事件' })).toBe('新事件')
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
