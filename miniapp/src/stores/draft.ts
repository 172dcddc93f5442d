/**
 * The 随手拍 draft: pure state transitions, validation and (de)serialisation. No Taro imports:
 * the page persists the result of `serializeDraft` in storage after every change, so a closed app
 * or a failed submit keeps photos (as uploaded ids), location, text and — crucially — the same
 * Idempotency-Key. Resending a draft therefore never creates a second ticket.
 */
import { PHONE_MESSAGES, isContactPhone, normalizePhone } from '@cgt/shared/format/phone'
import type { CoordSys, ReportCreateBody } from '../services/types'

export const MAX_PHOTOS = 9
export const MAX_DESCRIPTION = 500
export const DRAFT_VERSION = 1

export type PhotoStatus = 'uploading' | 'done' | 'failed'

export interface DraftPhoto {
  /** Local id of the tile (stable across retries). */
  key: string
  /** Local temp path / blob URL; gone after the app closes on H5, so `url` is used for display then. */
  localPath?: string
  status: PhotoStatus
  progress: number
  /** Server upload id once done. */
  id?: string
  url?: string
  thumbnailUrl?: string
  error?: string
}

export interface DraftLocation {
  lat: number
  lng: number
  coordSys: CoordSys
  address?: string
  source: 'gps' | 'map' | 'manual'
}

export interface Draft {
  v: number
  idempotencyKey: string
  createdAt: string
  updatedAt: string
  photos: DraftPhoto[]
  location: DraftLocation | null
  categoryCode: string
  description: string
  anonymous: boolean
  contactPhone: string
  /** Number of submit attempts with this key (shown as "曾提交失败"). */
  attempts: number
  lastError?: string
  /**
   * Sent, and no answer yet (timeout, dropped connection): the ticket may exist. The form stays locked and
   * the same body is re-sent under the same key until the server answers — also after the app restarts.
   */
  awaitingAnswer?: boolean
}

/** RFC 4122 v4-shaped id; `random` is injectable for tests. */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const hex = '0123456789abcdef'
  let s = ''
  for (let i = 0; i < 32; i++) {
    let n = Math.floor(random() * 16)
    if (i === 12) n = 4
    if (i === 16) n = (n & 0x3) | 0x8
    s += hex[n]
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

export function createDraft(now: Date = new Date(), key: string = newIdempotencyKey()): Draft {
  const t = now.toISOString()
  return {
    v: DRAFT_VERSION,
    idempotencyKey: key,
    createdAt: t,
    updatedAt: t,
    photos: [],
    location: null,
    categoryCode: '',
    description: '',
    anonymous: false,
    contactPhone: '',
    attempts: 0,
  }
}

type Editable = Pick<Draft, 'location' | 'categoryCode' | 'description' | 'anonymous' | 'contactPhone'>

/** Field edit; the Idempotency-Key is never changed by edits. */
export function updateDraft<K extends keyof Editable>(d: Draft, field: K, value: Editable[K], now = new Date()): Draft {
  let v = value
  if (field === 'description' && typeof v === 'string') v = v.slice(0, MAX_DESCRIPTION) as Editable[K]
  return { ...d, [field]: v, updatedAt: now.toISOString() }
}

/** How many more photos may be added. */
export function remainingPhotoSlots(d: Draft): number {
  return Math.max(0, MAX_PHOTOS - d.photos.length)
}

/** Adds local files as uploading tiles (extra ones beyond 9 are dropped). Returns the new tiles too. */
export function addPhotos(d: Draft, paths: string[], keyOf: (i: number) => string): { draft: Draft; added: DraftPhoto[] } {
  const added = paths.slice(0, remainingPhotoSlots(d)).map<DraftPhoto>((p, i) => ({
    key: keyOf(i),
    localPath: p,
    status: 'uploading',
    progress: 0,
  }))
  return { draft: { ...d, photos: [...d.photos, ...added] }, added }
}

export function patchPhoto(d: Draft, key: string, patch: Partial<DraftPhoto>): Draft {
  return { ...d, photos: d.photos.map((p) => (p.key === key ? { ...p, ...patch } : p)) }
}

export function removePhoto(d: Draft, key: string): Draft {
  return { ...d, photos: d.photos.filter((p) => p.key !== key) }
}

/** The server's contact-phone rule (mobile, or landline with area code). Empty is fine: the phone is optional. */
export function isValidPhone(phone: string): boolean {
  return !phone.trim() || isContactPhone(phone)
}

export interface DraftIssue {
  field: 'photos' | 'location' | 'categoryCode' | 'description' | 'contactPhone'
  message: string
}

/** What still blocks submitting, in the order the form shows the fields. */
export function validateDraft(d: Draft): DraftIssue[] {
  const issues: DraftIssue[] = []
  if (d.photos.length === 0) issues.push({ field: 'photos', message: '请至少拍摄或选择一张照片' })
  else if (d.photos.some((p) => p.status === 'uploading')) issues.push({ field: 'photos', message: '照片正在上传，请稍候' })
  else if (d.photos.some((p) => p.status === 'failed')) issues.push({ field: 'photos', message: '有照片上传失败，请重试或删除' })
  if (!d.location) issues.push({ field: 'location', message: '请选择问题位置' })
  if (!d.categoryCode) issues.push({ field: 'categoryCode', message: '请选择问题类型' })
  const len = d.description.trim().length
  if (len < 5) issues.push({ field: 'description', message: '请用至少 5 个字描述问题' })
  else if (len > MAX_DESCRIPTION) issues.push({ field: 'description', message: `描述不能超过 ${MAX_DESCRIPTION} 字` })
  if (!d.anonymous && !isValidPhone(d.contactPhone)) issues.push({ field: 'contactPhone', message: PHONE_MESSAGES.contactInvalid })
  return issues
}

/** The POST /api/v1/reports body. Deterministic for a given draft, so a resend matches byte for byte. */
export function toReportBody(d: Draft): ReportCreateBody {
  if (!d.location) throw new Error('draft has no location')
  const body: ReportCreateBody = {
    categoryCode: d.categoryCode,
    description: d.description.trim(),
    location: { lat: d.location.lat, lng: d.location.lng, coordSys: d.location.coordSys },
    photoIds: d.photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id as string),
    anonymous: d.anonymous,
  }
  if (d.location.address) body.address = d.location.address
  const phone = normalizePhone(d.contactPhone.trim())
  if (!d.anonymous && phone) body.contactPhone = phone
  return body
}

/** What another page may hand over to the 随手拍 form (找厕所 → 报告问题: category 90004 + the toilet's location). */
export interface DraftPrefill {
  categoryCode?: string
  location?: DraftLocation
  /** starts the description (the resident completes it) */
  description?: string
  /** shown above the form, e.g. 公厕「…」 */
  from?: string
}

/** Valid parts of a prefill only (it crossed storage): a bad location or code is ignored, not trusted. */
export function sanitizePrefill(p: unknown): DraftPrefill {
  const out: DraftPrefill = {}
  if (!p || typeof p !== 'object') return out
  const x = p as Record<string, unknown>
  if (typeof x.categoryCode === 'string' && /^\d{5}$/.test(x.categoryCode)) out.categoryCode = x.categoryCode
  const l = x.location as Partial<DraftLocation> | undefined
  if (l && typeof l.lat === 'number' && typeof l.lng === 'number' && Number.isFinite(l.lat) && Number.isFinite(l.lng)) {
    out.location = {
      lat: l.lat,
      lng: l.lng,
      coordSys: l.coordSys === 'wgs84' ? 'wgs84' : 'gcj02',
      source: 'map',
      ...(typeof l.address === 'string' && l.address ? { address: l.address.slice(0, 100) } : {}),
    }
  }
  if (typeof x.description === 'string') out.description = x.description.slice(0, MAX_DESCRIPTION)
  if (typeof x.from === 'string') out.from = x.from.slice(0, 60)
  return out
}

/**
 * Applies a prefill to an EMPTY draft (photos, if any, are kept; the Idempotency-Key is kept: nothing was
 * sent with it). The page asks before replacing a draft that has content, and starts a fresh one then.
 */
export function applyPrefill(d: Draft, p: DraftPrefill, now = new Date()): Draft {
  let next = d
  if (p.categoryCode) next = updateDraft(next, 'categoryCode', p.categoryCode, now)
  if (p.location) next = updateDraft(next, 'location', p.location, now)
  if (p.description && !next.description.trim()) next = updateDraft(next, 'description', p.description, now)
  return next
}

/** Record a failed attempt (the server answered no); the key stays the same so the resend is idempotent. */
export function markAttemptFailed(d: Draft, message: string, now = new Date()): Draft {
  return { ...d, attempts: d.attempts + 1, lastError: message, awaitingAnswer: false, updatedAt: now.toISOString() }
}

/** The body is on its way: until an answer arrives the draft must not change (see awaitingAnswer). */
export function markSent(d: Draft): Draft {
  return { ...d, awaitingAnswer: true }
}

/**
 * The key was used for an earlier version of this draft that the server filed (idempotency_key_reused):
 * the edited draft is another report, so it gets a key of its own. Nothing else changes.
 */
export function renewKey(d: Draft, key: string = newIdempotencyKey(), now = new Date()): Draft {
  return { ...d, idempotencyKey: key, attempts: 0, lastError: undefined, awaitingAnswer: false, updatedAt: now.toISOString() }
}

/** True when the draft holds anything worth keeping. */
export function hasContent(d: Draft): boolean {
  return d.photos.length > 0 || !!d.location || !!d.categoryCode || d.description.trim().length > 0 || !!d.contactPhone
}

/** What goes to storage: no progress, no transient states. */
export function serializeDraft(d: Draft): string {
  return JSON.stringify(d)
}

/**
 * Restores a stored draft. Photos that were still uploading when the app closed become "failed"
 * (retryable while the local file exists); failed photos whose local file is gone are dropped.
 * Returns null for anything unreadable or of another version.
 */
export function restoreDraft(raw: unknown, localFileExists: (path: string) => boolean = () => true): Draft | null {
  let data: unknown = raw
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw)
    } catch {
      return null
    }
  }
  if (!data || typeof data !== 'object') return null
  const d = data as Partial<Draft>
  if (d.v !== DRAFT_VERSION || typeof d.idempotencyKey !== 'string' || !d.idempotencyKey) return null
  const base = createDraft(new Date(d.createdAt ?? Date.now()), d.idempotencyKey)
  const photos = (Array.isArray(d.photos) ? d.photos : [])
    .filter((p): p is DraftPhoto => !!p && typeof p === 'object' && typeof p.key === 'string')
    .map<DraftPhoto>((p) => {
      if (p.status === 'done' && p.id) {
        // Uploaded: show the server copy once the local file is gone (H5 blob: URLs die with the page).
        const alive = !!p.localPath && localFileExists(p.localPath)
        return { ...p, progress: 100, localPath: alive ? p.localPath : undefined }
      }
      return { ...p, status: 'failed', progress: 0, error: p.error ?? '上传中断，请重试' }
    })
    .filter((p) => p.status === 'done' || (!!p.localPath && localFileExists(p.localPath)))
  return {
    ...base,
    ...d,
    v: DRAFT_VERSION,
    photos: photos.slice(0, MAX_PHOTOS),
    location: d.location ?? null,
    categoryCode: d.categoryCode ?? '',
    description: (d.description ?? '').slice(0, MAX_DESCRIPTION),
    anonymous: !!d.anonymous,
    contactPhone: d.contactPhone ?? '',
    attempts: d.attempts ?? 0,
    awaitingAnswer: d.awaitingAnswer === true,
  }
}
