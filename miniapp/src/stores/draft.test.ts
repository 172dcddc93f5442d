import { describe, expect, it } from 'vitest'
import { CreateReportRequest } from '@cgt/shared/schemas/reports'
import {
  MAX_PHOTOS,
  addPhotos,
  applyPrefill,
  sanitizePrefill,
  createDraft,
  hasContent,
  isValidPhone,
  markAttemptFailed,
  markSent,
  renewKey,
  newIdempotencyKey,
  patchPhoto,
  removePhoto,
  restoreDraft,
  serializeDraft,
  toReportBody,
  updateDraft,
  validateDraft,
  type Draft,
} from './draft'

const now = new Date('2026-11-27T08:00:00Z')
let n = 0
const keyOf = () => `k${n++}`

function readyDraft(): Draft {
  let d = createDraft(now, 'key-1')
  d = addPhotos(d, ['/tmp/a.jpg'], keyOf).draft
  d = patchPhoto(d, d.photos[0]!.key, { status: 'done', id: 'up1', url: '/u/1.jpg', progress: 100 })
  d = updateDraft(d, 'location', { lat: 29.4523, lng: 113.1216, coordSys: 'gcj02', address: '君山区柳林洲', source: 'gps' })
  d = updateDraft(d, 'categoryCode', '06010')
  d = updateDraft(d, 'description', '  路边有暴露垃圾堆放  ')
  return d
}

describe('idempotency key', () => {
  it('is uuid-v4 shaped', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
  it('differs between drafts', () => {
    expect(createDraft().idempotencyKey).not.toBe(createDraft().idempotencyKey)
  })
  it('survives edits, failed attempts and a storage round trip', () => {
    let d = readyDraft()
    d = markAttemptFailed(d, '网络连接失败')
    d = updateDraft(d, 'description', '路边有暴露垃圾堆放，气味大')
    const back = restoreDraft(serializeDraft(d))!
    expect(back.idempotencyKey).toBe('key-1')
    expect(back.attempts).toBe(1)
    expect(back.lastError).toBe('网络连接失败')
  })
  it('a sent draft without an answer stays "awaiting" across a restart, with its key and body', () => {
    const d = markSent(readyDraft())
    const back = restoreDraft(serializeDraft(d))!
    expect(back.awaitingAnswer).toBe(true)
    expect(back.idempotencyKey).toBe('key-1')
    expect(toReportBody(back)).toEqual(toReportBody(d))
    expect(markAttemptFailed(back, '填写内容有误').awaitingAnswer).toBe(false)
  })
  it('an edited draft whose earlier version was filed becomes a new report with a new key', () => {
    const d = markAttemptFailed(readyDraft(), '网络连接失败')
    const n = renewKey(d, 'key-2')
    expect(n).toMatchObject({ idempotencyKey: 'key-2', attempts: 0, awaitingAnswer: false, description: d.description })
    expect(n.lastError).toBeUndefined()
    expect(toReportBody(n)).toEqual(toReportBody(d))
  })
})

describe('photos', () => {
  it('caps at nine', () => {
    const d = createDraft(now)
    const { draft, added } = addPhotos(d, Array.from({ length: 12 }, (_, i) => `/p${i}`), keyOf)
    expect(added).toHaveLength(MAX_PHOTOS)
    expect(draft.photos).toHaveLength(MAX_PHOTOS)
    expect(addPhotos(draft, ['/x'], keyOf).added).toHaveLength(0)
  })
  it('patches and removes by key', () => {
    let d = addPhotos(createDraft(now), ['/a', '/b'], keyOf).draft
    const [a, b] = d.photos
    d = patchPhoto(d, a!.key, { progress: 50 })
    expect(d.photos[0]!.progress).toBe(50)
    d = removePhoto(d, b!.key)
    expect(d.photos.map((p) => p.localPath)).toEqual(['/a'])
  })
})

describe('validation', () => {
  it('lists every missing field of an empty draft', () => {
    const fields = validateDraft(createDraft(now)).map((i) => i.field)
    expect(fields).toEqual(['photos', 'location', 'categoryCode', 'description'])
  })
  it('blocks while uploading or failed', () => {
    let d = readyDraft()
    d = patchPhoto(d, d.photos[0]!.key, { status: 'uploading' })
    expect(validateDraft(d)[0]!.message).toContain('正在上传')
    d = patchPhoto(d, d.photos[0]!.key, { status: 'failed' })
    expect(validateDraft(d)[0]!.message).toContain('上传失败')
  })
  it('accepts a complete draft', () => {
    expect(validateDraft(readyDraft())).toEqual([])
  })
  it('truncates description at 500 characters', () => {
    const d = updateDraft(createDraft(now), 'description', '字'.repeat(600))
    expect(d.description).toHaveLength(500)
  })
  it('checks phone format unless anonymous', () => {
    let d = updateDraft(readyDraft(), 'contactPhone', '12345')
    expect(validateDraft(d).map((i) => i.field)).toEqual(['contactPhone'])
    d = updateDraft(d, 'anonymous', true)
    expect(validateDraft(d)).toEqual([])
  })
  it('a landline is sent as a contact phone the server accepts; a malformed one gets the server\'s message', () => {
    const landline = updateDraft(readyDraft(), 'contactPhone', '0730-8123456')
    expect(validateDraft(landline)).toEqual([])
    const body = toReportBody(landline)
    expect(body.contactPhone).toBe('07308123456')
    expect(CreateReportRequest.safeParse(body).success).toBe(true)
    const bad = toReportBody(updateDraft(readyDraft(), 'contactPhone', '0730-12'))
    const server = CreateReportRequest.safeParse(bad)
    expect(server.success).toBe(false)
    expect(server.error!.issues.map((i) => i.message)).toEqual(validateDraft(updateDraft(readyDraft(), 'contactPhone', '0730-12')).map((i) => i.message))
  })
  it.each([
    ['', true],
    ['13812345678', true],
    ['138 1234 5678', true],
    ['0730-8221234', true],
    ['07308123456', true],
    ['0730-12', false],
    ['12812345678', false],
    ['1381234567', false],
    ['abc', false],
  ])('phone %s → %s', (p, ok) => expect(isValidPhone(p)).toBe(ok))
})

describe('request body', () => {
  it('is built from uploaded photos only and trims text', () => {
    const d = readyDraft()
    expect(toReportBody(d)).toEqual({
      categoryCode: '06010',
      description: '路边有暴露垃圾堆放',
      location: { lat: 29.4523, lng: 113.1216, coordSys: 'gcj02' },
      address: '君山区柳林洲',
      photoIds: ['up1'],
      anonymous: false,
    })
  })
  it('drops the phone when anonymous and normalises it otherwise', () => {
    let d = updateDraft(readyDraft(), 'contactPhone', '138-1234-5678')
    expect(toReportBody(d).contactPhone).toBe('13812345678')
    d = updateDraft(d, 'anonymous', true)
    expect(toReportBody(d).contactPhone).toBeUndefined()
  })
  it('is identical for the restored draft (same body + same key → same ticket)', () => {
    const d = readyDraft()
    const back = restoreDraft(serializeDraft(d))!
    expect(JSON.stringify(toReportBody(back))).toBe(JSON.stringify(toReportBody(d)))
  })
})

describe('restore', () => {
  it('rejects junk and other versions', () => {
    expect(restoreDraft('not json')).toBeNull()
    expect(restoreDraft(null)).toBeNull()
    expect(restoreDraft({ v: 99, idempotencyKey: 'x' })).toBeNull()
    expect(restoreDraft({ v: 1 })).toBeNull()
  })
  it('turns interrupted uploads into retryable failures and drops ones whose file is gone', () => {
    let d = readyDraft()
    d = addPhotos(d, ['/tmp/b.jpg', 'blob:gone'], keyOf).draft
    const back = restoreDraft(serializeDraft(d), (p) => p !== 'blob:gone')!
    expect(back.photos.map((p) => p.status)).toEqual(['done', 'failed'])
    expect(back.photos[1]!.localPath).toBe('/tmp/b.jpg')
  })
  it('drops dead local paths of uploaded photos so the server copy is shown', () => {
    const back = restoreDraft(serializeDraft(readyDraft()), () => false)!
    expect(back.photos[0]!.status).toBe('done')
    expect(back.photos[0]!.localPath).toBeUndefined()
    expect(back.photos[0]!.url).toBe('/u/1.jpg')
  })
  it('hasContent tells an empty draft from a started one', () => {
    expect(hasContent(createDraft(now))).toBe(false)
    expect(hasContent(updateDraft(createDraft(now), 'description', '有'))).toBe(true)
  })
})

describe('prefill from another page (找厕所 → 报告问题)', () => {
  const loc = { lat: 29.358, lng: 113.127, coordSys: 'gcj02' as const, address: '花板桥路环卫公厕', source: 'map' as const }
  it('fills category, location and description of an empty draft, keeping its key', () => {
    const d = createDraft(new Date('2026-11-27T00:00:00Z'), 'k-1')
    const p = applyPrefill(d, { categoryCode: '90004', location: loc, description: '花板桥路环卫公厕：' })
    expect(p).toMatchObject({ idempotencyKey: 'k-1', categoryCode: '90004', location: loc, description: '花板桥路环卫公厕：', attempts: 0 })
  })
  it('does not overwrite a description already typed', () => {
    const d = { ...createDraft(), description: '门坏了' }
    expect(applyPrefill(d, { description: 'x：' }).description).toBe('门坏了')
  })
  it('sanitises what came through storage', () => {
    expect(sanitizePrefill({ categoryCode: '90004', location: loc, from: '公厕「A」' })).toEqual({ categoryCode: '90004', location: loc, from: '公厕「A」' })
    expect(sanitizePrefill({ categoryCode: 'drop table', location: { lat: 'x', lng: 1 } })).toEqual({})
    expect(sanitizePrefill(null)).toEqual({})
    expect(sanitizePrefill({ location: { lat: 1, lng: 2, coordSys: 'bd09', source: 'gps' } }).location).toEqual({ lat: 1, lng: 2, coordSys: 'gcj02', source: 'map' })
  })
})
