import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text, Textarea, Switch, Input } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PrivacyConsent from '../../components/PrivacyConsent'
import PhotoGrid from './PhotoGrid'
import CategorySheet from './CategorySheet'
import LocationField, { type RoutingState } from './LocationField'
import ResultView from './ResultView'
import { useDraft } from './useDraft'
import {
  MAX_DESCRIPTION,
  MAX_PHOTOS,
  addPhotos,
  applyPrefill,
  hasContent,
  isValidPhone,
  markAttemptFailed,
  patchPhoto,
  removePhoto,
  toReportBody,
  updateDraft,
  validateDraft,
  type Draft,
  type DraftLocation,
  type DraftPrefill,
} from '../../stores/draft'
import { takePrefill } from '../../stores/prefill'
import { createReport, fetchCategories, resolveRouting } from '../../services/api'
import { ApiError, messageOf } from '../../services/errors'
import { uploadPhoto, type UploadHandle } from '../../services/upload'
import { choosePhotos } from '../../services/media'
import { canPickOnMap, getCurrentLocation, pickOnMap } from '../../services/location'
import type { Category, ReportCreated } from '../../services/types'
import { PAGES } from '../../utils/nav'
import { prefetchSubscribeTemplates, requestSubscriptions } from '../../services/subscribe'
import './index.scss'

const CATEGORY_CACHE_KEY = 'cgt:categories'

function cachedCategories(): Category[] {
  const c = Taro.getStorageSync(CATEGORY_CACHE_KEY)
  return Array.isArray(c) ? c : []
}

let tileSeq = 0

/** 随手拍: photos → location (with live district) → category → description → submit. */
export default function Report() {
  const { draft, setDraft, persistNow, reset, latest } = useDraft()
  const [categories, setCategories] = useState<Category[]>(cachedCategories)
  const [catState, setCatState] = useState({ loading: false, error: '' })
  const [sheetOpen, setSheetOpen] = useState(false)
  const [routing, setRouting] = useState<RoutingState>({ state: 'idle' })
  const [locating, setLocating] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [phoneTouched, setPhoneTouched] = useState(false)
  const [result, setResult] = useState<ReportCreated | null>(null)
  /** set when another page pre-filled the form (e.g. 公厕「…」) */
  const [prefillFrom, setPrefillFrom] = useState('')
  const uploads = useRef(new Map<string, UploadHandle>())
  const triedAutoLocate = useRef(false)

  const loadCategories = useCallback(() => {
    setCatState({ loading: true, error: '' })
    fetchCategories()
      .then((list) => {
        setCategories(list)
        Taro.setStorageSync(CATEGORY_CACHE_KEY, list)
        setCatState({ loading: false, error: '' })
      })
      .catch((e) => setCatState({ loading: false, error: messageOf(e) }))
  }, [])

  useEffect(loadCategories, [loadCategories])
  // the subscribe prompt must open inside the 提交 tap, before any request: know the template ids beforehand
  useEffect(prefetchSubscribeTemplates, [])

  // Live routing: which district (and zone/department) will receive this point.
  const lat = draft.location?.lat
  const lng = draft.location?.lng
  const routeSeq = useRef(0)
  useEffect(() => {
    if (lat === undefined || lng === undefined) {
      setRouting({ state: 'idle' })
      return
    }
    const seq = ++routeSeq.current
    setRouting({ state: 'loading' })
    const t = setTimeout(() => {
      resolveRouting({ lat, lng, coordSys: 'gcj02', categoryCode: draft.categoryCode || undefined })
        .then((result) => seq === routeSeq.current && setRouting({ state: 'ok', result }))
        .catch((e) => {
          if (seq !== routeSeq.current) return
          if (e instanceof ApiError && e.code === 'outside_jurisdiction')
            setRouting({ state: 'outside', message: '该位置不在岳阳市城管服务范围内，无法提交。请确认问题位置是否正确。' })
          else setRouting({ state: 'error', message: `暂时无法确认所属辖区（${messageOf(e)}），提交时将再次核验` })
        })
    }, 250)
    return () => clearTimeout(t)
  }, [lat, lng, draft.categoryCode])

  const locate = useCallback(async () => {
    setLocating(true)
    try {
      const loc = await getCurrentLocation()
      setDraft((d) => updateDraft(d, 'location', { ...loc, address: d.location?.address }))
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setLocating(false)
    }
  }, [setDraft])

  /** A hand-over from another page (找厕所 → 报告问题): never silently overwrites a draft with content. */
  function handlePrefill(pre: DraftPrefill) {
    const apply = (base: Draft) => {
      const d = applyPrefill(base, pre)
      latest.current = d
      setDraft(d)
      setResult(null)
      setPrefillFrom(pre.from || '其他页面')
    }
    const cur = latest.current
    if (!hasContent(cur) && cur.attempts === 0) {
      apply(cur)
      return
    }
    Taro.showModal({
      title: '替换当前草稿？',
      content: `您有一份尚未提交的随手拍草稿。替换后将按${pre.from || '所选地点'}重新填写，原草稿的照片和文字将被清空。`,
      confirmText: '替换',
      cancelText: '保留草稿',
      confirmColor: '#1d63d8',
    }).then((r) => {
      if (!r.confirm) return
      uploads.current.forEach((u) => u.abort())
      uploads.current.clear()
      reset()
      apply(latest.current)
    })
  }

  useDidShow(() => {
    const pre = takePrefill()
    if (pre && (pre.categoryCode || pre.location)) {
      triedAutoLocate.current = true // the prefill says where: do not ask for the resident's location
      handlePrefill(pre)
      return
    }
    // Location is asked for only here, once per visit, when the draft has none yet.
    if (!triedAutoLocate.current && !latest.current.location && !result) {
      triedAutoLocate.current = true
      locate()
    }
  })

  function startUpload(key: string, path: string) {
    const handle = uploadPhoto(path, (progress) => setDraft((d) => patchPhoto(d, key, { progress })))
    uploads.current.set(key, handle)
    handle.promise
      .then((r) =>
        setDraft((d) =>
          patchPhoto(d, key, { status: 'done', progress: 100, id: r.id, url: r.url, thumbnailUrl: r.thumbnailUrl, error: undefined }),
        ),
      )
      .catch((e) => setDraft((d) => patchPhoto(d, key, { status: 'failed', progress: 0, error: messageOf(e) })))
      .finally(() => uploads.current.delete(key))
  }

  async function handleAddPhotos() {
    try {
      const paths = await choosePhotos(MAX_PHOTOS - latest.current.photos.length)
      if (!paths.length) return
      const { added } = addPhotos(latest.current, paths, (i) => `p${Date.now()}-${tileSeq++}-${i}`)
      setDraft((d) => ({ ...d, photos: [...d.photos, ...added].slice(0, MAX_PHOTOS) }))
      added.forEach((p) => startUpload(p.key, p.localPath!))
      if (!latest.current.location && !locating) locate()
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  function handleRetry(key: string) {
    const p = latest.current.photos.find((x) => x.key === key)
    if (!p?.localPath) {
      Taro.showToast({ title: '原照片已失效，请删除后重新选择', icon: 'none' })
      return
    }
    setDraft((d) => patchPhoto(d, key, { status: 'uploading', progress: 0, error: undefined }))
    startUpload(key, p.localPath)
  }

  function handleRemove(key: string) {
    uploads.current.get(key)?.abort()
    uploads.current.delete(key)
    setDraft((d) => removePhoto(d, key))
  }

  async function handlePickOnMap() {
    try {
      const loc = await pickOnMap(latest.current.location ?? undefined)
      if (loc) setDraft((d) => updateDraft(d, 'location', loc))
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  function setLocation(loc: DraftLocation) {
    setDraft((d) => updateDraft(d, 'location', loc))
  }

  function handleAddress(address: string) {
    setDraft((d) => (d.location ? updateDraft(d, 'location', { ...d.location, address }) : d))
  }

  function handleDiscard() {
    Taro.showModal({ title: '清空草稿', content: '清空后照片和填写的内容都将删除。', confirmText: '清空', confirmColor: '#d9363e' }).then((r) => {
      if (!r.confirm) return
      uploads.current.forEach((u) => u.abort())
      uploads.current.clear()
      reset()
      setRouting({ state: 'idle' })
      setPrefillFrom('')
    })
  }

  async function handleSubmit() {
    if (submitting) return
    const d = latest.current
    const issues = validateDraft(d)
    if (issues.length) {
      setPhoneTouched(true)
      Taro.showToast({ title: issues[0]!.message, icon: 'none' })
      return
    }
    if (routing.state === 'outside') {
      Taro.showToast({ title: '该位置不在服务范围内，请重新选择位置', icon: 'none' })
      return
    }
    // 受理 / 不予立案 / 办结 notices: one message each per accept (the prompt shows only from this tap)
    await requestSubscriptions(['ticket.accepted', 'ticket.rejected', 'ticket.resolved'])
    setSubmitting(true)
    Taro.showLoading({ title: '正在提交', mask: true })
    try {
      const res = await createReport(toReportBody(d), d.idempotencyKey)
      Taro.hideLoading()
      reset()
      setRouting({ state: 'idle' })
      setPrefillFrom('')
      setResult(res)
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    } catch (e) {
      Taro.hideLoading()
      const msg = messageOf(e)
      if (e instanceof ApiError && e.code === 'outside_jurisdiction') {
        setRouting({ state: 'outside', message: msg })
        Taro.showToast({ title: msg, icon: 'none' })
      } else if (e instanceof ApiError && e.code === 'idempotency_key_reused') {
        const r = await Taro.showModal({
          title: '该草稿已提交过',
          content: '此前的提交可能已经成功（网络中断未收到结果），修改后不能再次提交同一草稿。请到「我的诉求」查看；如需反映新问题，请清空草稿重新上报。',
          confirmText: '我的诉求',
          cancelText: '知道了',
          confirmColor: '#1d63d8',
        })
        if (r.confirm) Taro.navigateTo({ url: PAGES.myReports })
      } else {
        setDraft((x) => markAttemptFailed(x, msg))
        setTimeout(persistNow, 0)
        const retryable = !(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 429
        Taro.showModal({
          title: '提交未成功',
          content: retryable ? `${msg}。草稿已保存，可稍后点击「重新提交」，不会重复立案。` : msg,
          showCancel: false,
          confirmText: '知道了',
          confirmColor: '#1d63d8',
        })
      }
    } finally {
      setSubmitting(false)
    }
  }

  if (result) {
    return (
      <ResultView
        result={result}
        categories={categories}
        onAgain={() => {
          setResult(null)
          triedAutoLocate.current = false
        }}
      />
    )
  }

  const category = categories.find((c) => c.code === draft.categoryCode)
  const descLen = draft.description.length
  const phoneInvalid = phoneTouched && !isValidPhone(draft.contactPhone)
  const blocked = routing.state === 'outside'

  return (
    <View className='page report'>
      <PrivacyConsent />

      {prefillFrom ? (
        <View className='tip tip--info report__prefill'>
          <Text>已按{prefillFrom}预填问题类型和位置，请拍摄现场照片并补充描述。</Text>
        </View>
      ) : null}

      {draft.attempts > 0 ? (
        <View className='tip tip--warn report__retry'>
          <Text>上次提交未成功{draft.lastError ? `（${draft.lastError}）` : ''}。草稿已保存，可直接重新提交，不会重复立案。</Text>
        </View>
      ) : null}

      <View className='card'>
        <View className='card__title'>
          <Text className='required'>现场照片</Text>
          <Text className='card__title-extra'>最多 {MAX_PHOTOS} 张</Text>
        </View>
        <PhotoGrid photos={draft.photos} onAdd={handleAddPhotos} onRetry={handleRetry} onRemove={handleRemove} />
      </View>

      <LocationField
        location={draft.location}
        locating={locating}
        routing={routing}
        canPickOnMap={canPickOnMap}
        onLocate={locate}
        onPickOnMap={handlePickOnMap}
        onManual={setLocation}
        onAddress={handleAddress}
      />

      <View className='card'>
        <View className='picker-row' onClick={() => setSheetOpen(true)}>
          <Text className='required picker-row__label'>问题类型</Text>
          <Text className={`picker-row__value ${category ? '' : 'picker-row__value--empty'}`}>
            {category ? category.name : '请选择'}
          </Text>
          <View className='cell__arrow' />
        </View>
        {category?.notice ? (
          <View className={`tip ${category.urgent ? 'tip--danger' : 'tip--warn'}`}>
            <Text>{category.notice}</Text>
            {/119/.test(category.notice) ? (
              <View className='report__call' onClick={() => Taro.makePhoneCall({ phoneNumber: '119' }).catch(() => undefined)}>
                拨打 119
              </View>
            ) : null}
          </View>
        ) : null}
      </View>

      <View className='card'>
        <View className='card__title'>
          <Text className='required'>问题描述</Text>
          <Text className={`card__title-extra ${descLen >= MAX_DESCRIPTION ? 'report__count--full' : ''}`}>
            {descLen}/{MAX_DESCRIPTION}
          </Text>
        </View>
        <Textarea
          className='report__desc'
          value={draft.description}
          maxlength={MAX_DESCRIPTION}
          placeholder='请描述问题的具体情况，如：人行道上堆放建筑垃圾，影响通行'
          autoHeight={false}
          onInput={(e) => setDraft((d) => updateDraft(d, 'description', e.detail.value))}
        />
      </View>

      <View className='card report__contact'>
        <View className='switch-row'>
          <View>
            <View>匿名上报</View>
            <View className='muted'>{draft.anonymous ? '匿名后工作人员无法与您电话联系' : '工作人员可能与您联系核实情况'}</View>
          </View>
          <Switch
            checked={draft.anonymous}
            color='#1d63d8'
            onChange={(e) => setDraft((d) => updateDraft(d, 'anonymous', e.detail.value))}
          />
        </View>
        {!draft.anonymous ? (
          <View className='report__phone'>
            <Text className='report__phone-label'>联系电话</Text>
            <Input
              className='report__phone-input'
              type='number'
              maxlength={13}
              value={draft.contactPhone}
              placeholder='选填，便于回访核实'
              onInput={(e) => setDraft((d) => updateDraft(d, 'contactPhone', e.detail.value))}
              onBlur={() => setPhoneTouched(true)}
            />
          </View>
        ) : null}
        {phoneInvalid && !draft.anonymous ? <View className='field-error'>请输入正确的手机号或带区号的固定电话</View> : null}
      </View>

      <View
        className={`btn btn--primary report__submit ${blocked || submitting ? 'btn--disabled' : ''}`}
        onClick={handleSubmit}
      >
        {submitting ? '正在提交…' : draft.attempts > 0 ? '重新提交' : '提交'}
      </View>
      <View className='report__foot'>
        <Text>提交即表示您已阅读并同意</Text>
        <Text className='link' onClick={() => Taro.navigateTo({ url: PAGES.privacy })}>
          《隐私政策》
        </Text>
        {draft.photos.length || draft.description || draft.location ? (
          <Text className='report__discard' onClick={handleDiscard}>
            清空草稿
          </Text>
        ) : null}
      </View>

      <CategorySheet
        open={sheetOpen}
        categories={categories}
        value={draft.categoryCode}
        loading={catState.loading && !categories.length}
        error={categories.length ? '' : catState.error}
        onRetry={loadCategories}
        onPick={(code) => {
          setDraft((d) => updateDraft(d, 'categoryCode', code))
          setSheetOpen(false)
        }}
        onClose={() => setSheetOpen(false)}
      />
    </View>
  )
}
