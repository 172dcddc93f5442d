import { useEffect, useRef, useState } from 'react'
import { View, Text, Textarea, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import PrivacyConsent from '../../../../components/PrivacyConsent'
import PhotoGrid from '../../../../pages/report/PhotoGrid'
import { ApiError, messageOf } from '../../../../services/errors'
import { choosePhotos } from '../../../../services/media'
import { uploadPhoto, type UploadHandle } from '../../../../services/upload'
import { MAX_PHOTOS, newIdempotencyKey, type DraftPhoto } from '../../../../stores/draft'
import { formatDateTime } from '../../../../utils/format'
import { PAGES } from '../../../../utils/nav'
import { prefetchSubscribeTemplates, requestSubscriptions } from '../../../../services/subscribe'
import { createComplaint, type ComplaintCreated } from '../../api'
import {
  EMPTY_FORM,
  FIELD_ORDER,
  MAX_CONTENT,
  MAX_REQUEST,
  fieldError,
  toComplaintBody,
  validateComplaint,
  type ComplaintForm,
  type ComplaintTypeValue,
  type FormErrors,
  type FormField,
} from '../../validate'
import '../../complaint.scss'

const TYPES: { value: ComplaintTypeValue; label: string; desc: string }[] = [
  { value: 'suggestion', label: '建议意见', desc: '对城市管理工作提出建议、意见' },
  { value: 'accusation', label: '检举控告', desc: '检举、控告城管执法人员的违法失职行为' },
  { value: 'appeal', label: '申诉求决', desc: '对处理结果不服或请求解决自身合法权益问题' },
]

let seq = 0

/**
 * 我要信访: what 信访 is (vs 随手拍), type, content, request, facts, attachments, real-name petitioner
 * fields with client checks (ID checksum from shared/). One Idempotency-Key per form, kept across retries.
 * Personal data is kept in page memory only (never written to storage).
 */
export default function ComplaintFormPage() {
  const [form, setForm] = useState<ComplaintForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<FormErrors>({})
  const [photos, setPhotos] = useState<DraftPhoto[]>([])
  const [submitting, setSubmitting] = useState(false)
  const [created, setCreated] = useState<ComplaintCreated | null>(null)
  const key = useRef(newIdempotencyKey())
  const sentBody = useRef('')
  const uploads = useRef(new Map<string, UploadHandle>())

  function set(field: FormField, value: string) {
    setForm((f) => ({ ...f, [field]: value }))
    if (errors[field]) setErrors((e) => ({ ...e, [field]: fieldError({ ...form, [field]: value }, field) }))
  }
  const blur = (field: FormField) => setErrors((e) => ({ ...e, [field]: fieldError(form, field) }))

  function startUpload(k: string, path: string) {
    const h = uploadPhoto(path, (progress) => setPhotos((ps) => ps.map((p) => (p.key === k ? { ...p, progress } : p))))
    uploads.current.set(k, h)
    h.promise
      .then((r) => setPhotos((ps) => ps.map((p) => (p.key === k ? { ...p, status: 'done', progress: 100, id: r.id, url: r.url, thumbnailUrl: r.thumbnailUrl } : p))))
      .catch((e) => setPhotos((ps) => ps.map((p) => (p.key === k ? { ...p, status: 'failed', progress: 0, error: messageOf(e) } : p))))
      .finally(() => uploads.current.delete(k))
  }

  async function addPhotos() {
    try {
      const paths = await choosePhotos(MAX_PHOTOS - photos.length)
      const added: DraftPhoto[] = paths.slice(0, MAX_PHOTOS - photos.length).map((p, i) => ({ key: `c${Date.now()}-${seq++}-${i}`, localPath: p, status: 'uploading', progress: 0 }))
      setPhotos((ps) => [...ps, ...added])
      added.forEach((p) => startUpload(p.key, p.localPath!))
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  // the subscribe prompt must open inside the 提交 tap, before any request: know the template ids beforehand
  useEffect(prefetchSubscribeTemplates, [])

  async function submit() {
    if (submitting) return
    const errs = validateComplaint(form)
    setErrors(errs)
    const first = FIELD_ORDER.find((f) => errs[f])
    if (first) {
      Taro.showToast({ title: errs[first]!, icon: 'none' })
      return
    }
    if (photos.some((p) => p.status === 'uploading')) return void Taro.showToast({ title: '附件正在上传，请稍候', icon: 'none' })
    if (photos.some((p) => p.status === 'failed')) return void Taro.showToast({ title: '有附件上传失败，请重试或删除', icon: 'none' })
    const body = toComplaintBody(form, photos.filter((p) => p.id).map((p) => p.id!))
    // an edited form is a new submission: a new key (the same key with another body would be refused)
    const text = JSON.stringify(body)
    if (sentBody.current && sentBody.current !== text) key.current = newIdempotencyKey()
    sentBody.current = text
    // 信访答复通知: one message per accept (the prompt shows only from this tap)
    await requestSubscriptions(['complaint.concluded'])
    setSubmitting(true)
    Taro.showLoading({ title: '正在提交', mask: true })
    try {
      const res = await createComplaint(body, key.current)
      Taro.hideLoading()
      setCreated(res)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (e) {
      Taro.hideLoading()
      const msg = messageOf(e)
      const retryable = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429
      Taro.showModal({
        title: '提交未成功',
        content: retryable ? `${msg}。请稍后再次点击「提交」，不会重复登记。` : msg,
        showCancel: false,
        confirmText: '知道了',
        confirmColor: '#1d63d8',
      })
    } finally {
      setSubmitting(false)
    }
  }

  if (created) {
    return (
      <View className='page complaint'>
        <View className='card complaint-done'>
          <View className='complaint-done__title'>信访事项已登记</View>
          <View className='muted'>我们将依照《信访工作条例》办理，并按您留下的联系方式告知是否受理。</View>
        </View>
        <View className='card'>
          <View className='kv'>
            <Text className='kv__k'>信访编号</Text>
            <Text className='kv__v complaint-done__no'>{created.caseNo}</Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>当前状态</Text>
            <Text className='kv__v'>{created.statusLabel}</Text>
          </View>
          <View className='kv'>
            <Text className='kv__k'>受理告知</Text>
            <Text className='kv__v'>{formatDateTime(created.deadlines.acceptBy)} 前</Text>
          </View>
        </View>
        <View className='complaint-actions'>
          <View className='btn btn--primary' onClick={() => Taro.redirectTo({ url: PAGES.complaintDetail(created.id) })}>
            查看详情
          </View>
          <View className='btn btn--ghost' onClick={() => Taro.redirectTo({ url: PAGES.myComplaints })}>
            我的信访
          </View>
        </View>
      </View>
    )
  }

  const err = (f: FormField) => (errors[f] ? <View className='field-error'>{errors[f]}</View> : null)

  return (
    <View className='page complaint'>
      <PrivacyConsent />
      <View className='tip tip--info complaint-intro'>
        <View className='complaint-intro__title'>什么是信访？</View>
        <View>
          信访是依照《信访工作条例》，以实名方式向城市管理部门反映情况、提出建议意见或者投诉请求。登记后 15 日内告知是否受理，受理后一般
          60 日内书面答复，不服可申请复查、复核。
        </View>
        <View className='complaint-intro__alt'>
          <Text>路面垃圾、占道经营、井盖破损等具体问题，请使用</Text>
          <Text className='link' onClick={() => Taro.switchTab({ url: PAGES.report })}>
            「随手拍」
          </Text>
          <Text>，处置更快。</Text>
        </View>
      </View>
      <View className='complaint-mine link' onClick={() => Taro.navigateTo({ url: PAGES.myComplaints })}>
        查看我的信访 ›
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text className='required'>信访类型</Text>
        </View>
        {TYPES.map((t) => (
          <View key={t.value} className={`complaint-type ${form.type === t.value ? 'complaint-type--on' : ''}`} onClick={() => set('type', t.value)}>
            <Text className='complaint-type__label'>{t.label}</Text>
            <Text className='muted complaint-type__desc'>{t.desc}</Text>
          </View>
        ))}
        {err('type')}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text className='required'>信访内容</Text>
          <Text className='card__title-extra'>{form.content.length}/{MAX_CONTENT}</Text>
        </View>
        <Textarea
          className='complaint-text complaint-content'
          value={form.content}
          maxlength={MAX_CONTENT}
          placeholder='请写明反映的事项：时间、地点、涉及的单位或人员、经过'
          onInput={(e) => set('content', e.detail.value)}
          onBlur={() => blur('content')}
        />
        {err('content')}
        <View className='card__title complaint-sub'>
          <Text className='required'>诉求</Text>
          <Text className='card__title-extra'>{form.request.length}/{MAX_REQUEST}</Text>
        </View>
        <Textarea
          className='complaint-text complaint-request'
          value={form.request}
          maxlength={MAX_REQUEST}
          placeholder='您希望如何处理'
          onInput={(e) => set('request', e.detail.value)}
          onBlur={() => blur('request')}
        />
        {err('request')}
        <View className='card__title complaint-sub'>
          <Text>事实和理由（选填）</Text>
        </View>
        <Textarea
          className='complaint-text complaint-facts'
          value={form.facts}
          maxlength={MAX_CONTENT}
          placeholder='相关事实、依据和理由'
          onInput={(e) => set('facts', e.detail.value)}
          onBlur={() => blur('facts')}
        />
        {err('facts')}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text>附件（选填）</Text>
          <Text className='card__title-extra'>图片，最多 {MAX_PHOTOS} 张</Text>
        </View>
        <PhotoGrid
          photos={photos}
          onAdd={addPhotos}
          onRetry={(k) => {
            const p = photos.find((x) => x.key === k)
            if (!p?.localPath) return
            setPhotos((ps) => ps.map((x) => (x.key === k ? { ...x, status: 'uploading', progress: 0 } : x)))
            startUpload(k, p.localPath)
          }}
          onRemove={(k) => {
            uploads.current.get(k)?.abort()
            setPhotos((ps) => ps.filter((p) => p.key !== k))
          }}
        />
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text className='required'>信访人信息（实名）</Text>
        </View>
        <View className='muted complaint-privacy'>身份证号码加密保存，仅信访工作人员办理时可见，其他页面均打码显示。</View>
        {(
          [
            ['name', '姓名', '真实姓名', 'text', 30],
            ['idNumber', '身份证号', '18 位居民身份证号码', 'idcard', 18],
            ['phone', '联系电话', '手机号或带区号的固定电话', 'text', 16],
            ['address', '通讯地址', '用于寄送书面答复', 'text', 200],
          ] as const
        ).map(([f, label, ph, type, max]) => (
          <View key={f}>
            <View className='complaint-field'>
              <Text className='complaint-field__label'>{label}</Text>
              <Input
                className={`field-input complaint-field__input complaint-${f}`}
                type={type}
                maxlength={max}
                value={form[f]}
                placeholder={ph}
                onInput={(e) => set(f, e.detail.value)}
                onBlur={() => blur(f)}
              />
            </View>
            {err(f)}
          </View>
        ))}
      </View>

      <View className={`btn btn--primary complaint-submit ${submitting ? 'btn--disabled' : ''}`} onClick={submit}>
        {submitting ? '正在提交…' : '提交'}
      </View>
      <View className='complaint-foot muted'>
        <Text>提交即表示您承诺所反映情况真实，并已阅读</Text>
        <Text className='link' onClick={() => Taro.navigateTo({ url: PAGES.privacy })}>
          《隐私政策》
        </Text>
      </View>
    </View>
  )
}
