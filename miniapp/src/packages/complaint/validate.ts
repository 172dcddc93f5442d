/**
 * Client-side checks of the 我要信访 form, mirroring the server's CreateComplaintRequest (which stays the
 * authority). The ID-number rule (GB 11643 checksum) and the phone rule come from shared/ (no zod).
 */
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '@cgt/shared/complaint/id-number'
import { PHONE_MESSAGES, isContactPhone, normalizePhone, phoneKind } from '@cgt/shared/format/phone'

export const MAX_CONTENT = 2000
export const MAX_REQUEST = 500
export type ComplaintTypeValue = 'suggestion' | 'accusation' | 'appeal'

export interface ComplaintForm {
  type: ComplaintTypeValue | ''
  content: string
  request: string
  facts: string
  name: string
  idNumber: string
  phone: string
  address: string
}

export type FormField = keyof ComplaintForm
export type FormErrors = Partial<Record<FormField, string>>

export const EMPTY_FORM: ComplaintForm = { type: '', content: '', request: '', facts: '', name: '', idNumber: '', phone: '', address: '' }

export function fieldError(form: ComplaintForm, field: FormField, today: Date = new Date()): string | undefined {
  const v = form[field].trim()
  switch (field) {
    case 'type':
      return v ? undefined : '请选择信访类型'
    case 'content':
      if (v.length < 10) return '请用至少 10 个字写明信访事项'
      return v.length > MAX_CONTENT ? `信访内容最多 ${MAX_CONTENT} 个字` : undefined
    case 'request':
      if (!v) return '请写明您的诉求'
      return v.length > MAX_REQUEST ? `诉求最多 ${MAX_REQUEST} 个字` : undefined
    case 'facts':
      return v.length > MAX_CONTENT ? `事实和理由最多 ${MAX_CONTENT} 个字` : undefined
    case 'name':
      if (v.length < 2) return '请填写真实姓名'
      return v.length > 30 ? '姓名最多 30 个字' : undefined
    case 'idNumber': {
      if (!v) return '请填写身份证号码'
      const p = idNumberProblem(v, today)
      return p ? ID_NUMBER_MESSAGES[p] : undefined
    }
    case 'phone': {
      if (!v) return PHONE_MESSAGES.contactRequired
      return isContactPhone(v) ? undefined : PHONE_MESSAGES.contactInvalid
    }
    case 'address':
      if (!v) return '请填写通讯地址，便于寄送书面答复'
      return v.length > 200 ? '通讯地址最多 200 个字' : undefined
  }
  return undefined
}

export const FIELD_ORDER: FormField[] = ['type', 'content', 'request', 'facts', 'name', 'idNumber', 'phone', 'address']

export function validateComplaint(form: ComplaintForm, today?: Date): FormErrors {
  const errors: FormErrors = {}
  for (const f of FIELD_ORDER) {
    const e = fieldError(form, f, today)
    if (e) errors[f] = e
  }
  return errors
}

/** The POST body (deterministic, so a resend with the same Idempotency-Key matches). */
export function toComplaintBody(form: ComplaintForm, photoIds: string[]) {
  const facts = form.facts.trim()
  return {
    type: form.type as ComplaintTypeValue,
    content: form.content.trim(),
    request: form.request.trim(),
    ...(facts ? { facts } : {}),
    petitioner: {
      name: form.name.trim(),
      idNumber: normalizeIdNumber(form.idNumber),
      // a mobile is sent as its 11 digits; a landline as typed (0730-8123456 stays readable in the case file)
      phone: phoneKind(form.phone) === 'mobile' ? normalizePhone(form.phone.trim()) : form.phone.trim(),
      address: form.address.trim(),
    },
    photoIds,
  }
}

/** "剩 5 天" / "今天到期" / "已超期 2 天" */
export function daysLeftText(daysLeft: number, overdue: boolean): string {
  if (overdue) return `已超期 ${Math.max(1, -daysLeft)} 天`
  if (daysLeft <= 0) return '今天到期'
  return `剩 ${daysLeft} 天`
}

export const DUE_KIND_LABELS: Record<string, string> = {
  accept: '受理告知期限',
  conclude: '办结答复期限',
  review: '复查答复期限',
  recheck: '复核答复期限',
  review_request: '可申请复查至',
  recheck_request: '可申请复核至',
}
