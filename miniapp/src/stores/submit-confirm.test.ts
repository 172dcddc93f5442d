import { describe, expect, it } from 'vitest'
import { ApiError, networkError, toApiError } from '../services/errors'
import { answerLost, confirmBackoffMs } from './submit-confirm'

describe('answerLost', () => {
  it('a timeout, a dropped connection and a gateway or rate-limit answer leave the outcome open', () => {
    expect(answerLost(networkError('request:fail timeout'))).toBe(true)
    expect(answerLost(networkError('request:fail'))).toBe(true)
    for (const s of [429, 502, 503, 504]) expect(answerLost(toApiError(s, '<html>'))).toBe(true)
  })

  it('a real answer from the server settles it', () => {
    expect(answerLost(toApiError(400, { error: { code: 'validation_failed', message: '填写内容有误' } }))).toBe(false)
    expect(answerLost(toApiError(422, { error: { code: 'idempotency_key_reused', message: 'x' } }))).toBe(false)
    expect(answerLost(toApiError(500, { error: { code: 'server_error', message: 'x' } }))).toBe(false)
    expect(answerLost(new ApiError(403, 'forbidden', 'x'))).toBe(false)
    expect(answerLost(new Error('boom'))).toBe(false)
  })
})

describe('confirmBackoffMs', () => {
  it('starts at about a second, doubles, and stays at about 15 s', () => {
    const mid = () => 0.5
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => confirmBackoffMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000])
    expect(confirmBackoffMs(0, () => 0)).toBe(800)
    expect(confirmBackoffMs(0, () => 1)).toBe(1200)
  })
})
