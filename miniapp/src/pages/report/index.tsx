import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PrivacyConsent from '../../components/PrivacyConsent'
import PhotoGrid from './PhotoGrid'
import CategorySheet from './CategorySheet'
import CategoryField from './CategoryField'
import ContactCard from './ContactCard'
import LocationField from './LocationField'
import ResultView from './ResultView'
import ConfirmingOverlay from './ConfirmingOverlay'
import { useDraft } from './useDraft'
import { useCategories } from './useCategories'
import { useRouting } from './useRouting'
import { usePhotoUploads } from './usePhotoUploads'
import { useSubmitReport } from './useSubmitReport'
import {
  MAX_DESCRIPTION,
  MAX_PHOTOS,
  applyPrefill,
  hasContent,
  isValidPhone,
  updateDraft,
  type Draft,
  type DraftLocation,
  type DraftPrefill,
} from '../../stores/draft'
import { takePrefill } from '../../stores/prefill'
import { messageOf } from '../../services/errors'
import { canPickOnMap, getCurrentLocation, pickOnMap } from '../../services/location'
import type { ReportCreated } from '../../services/types'
import { PAGES } from '../../utils/nav'
import { prefetchSubscribeTemplates, requestSubscriptions } from '../../services/subscribe'
import './index.scss'

/** 随手拍: photos → location (with live district) → category → description → submit. */
export default function Report() {
  const { draft, setDraft, persistNow, reset, latest } = useDraft()
  const { categories, catState, loadCategories } = useCategories()
  const [sheetOpen, setSheetOpen] = useState(false)
  const [routing, setRouting] = useRouting(draft.location?.lat, draft.location?.lng, draft.categoryCode)
  const [locating, setLocating] = useState(false)
  const [phoneTouched, setPhoneTouched] = useState(false)
  const [result, setResult] = useState<ReportCreated | null>(null)
  /** set when another page pre-filled the form (e.g. 公厕「…」) */
  const [prefillFrom, setPrefillFrom] = useState('')
  const photos = usePhotoUploads(setDraft, latest)
  const triedAutoLocate = useRef(false)
  const submission = useSubmitReport({
    latest,
    setDraft,
    persistNow,
    routing,
    setRouting,
    onInvalid: () => setPhoneTouched(true),
    onFiled: (res) => {
      reset()
      setRouting({ state: 'idle' })
      setPrefillFrom('')
      setResult(res)
    },
  })

  // the subscribe prompt must open inside the 提交 tap, before any request: know the template ids beforehand
  useEffect(prefetchSubscribeTemplates, [])
  // a draft that was sent when the app closed, answer unknown: settle that before anything else
  useEffect(() => submission.resume(), [])

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
    if (latest.current.awaitingAnswer) {
      // the draft on its way must not change until the server has answered
      Taro.showToast({ title: '上一条诉求正在确认提交结果，请稍后再试', icon: 'none' })
      return
    }
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
      photos.abortAll()
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
    if (!triedAutoLocate.current && !latest.current.location && !result && !submission.submitting) {
      triedAutoLocate.current = true
      locate()
    }
  })

  async function handleSubmit() {
    if (!submission.ready()) return
    // 受理 / 不予立案 / 办结 notices: one message each per accept (the prompt shows only from this tap)
    await requestSubscriptions(['ticket.accepted', 'ticket.rejected', 'ticket.resolved'])
    await submission.send()
  }

  async function handleAddPhotos() {
    if ((await photos.add()) && !latest.current.location && !locating) locate()
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
      photos.abortAll()
      reset()
      setRouting({ state: 'idle' })
      setPrefillFrom('')
    })
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
      {submission.confirming ? <ConfirmingOverlay tries={submission.confirmTries} /> : null}

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
        <PhotoGrid photos={draft.photos} onAdd={handleAddPhotos} onRetry={photos.retry} onRemove={photos.remove} />
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

      <CategoryField category={category} onOpen={() => setSheetOpen(true)} />

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

      <ContactCard
        anonymous={draft.anonymous}
        phone={draft.contactPhone}
        phoneInvalid={phoneInvalid}
        onAnonymous={(v) => setDraft((d) => updateDraft(d, 'anonymous', v))}
        onPhone={(v) => setDraft((d) => updateDraft(d, 'contactPhone', v))}
        onPhoneBlur={() => setPhoneTouched(true)}
      />

      <View
        className={`btn btn--primary report__submit ${blocked || submission.submitting ? 'btn--disabled' : ''}`}
        onClick={handleSubmit}
      >
        {submission.confirming ? '正在确认提交结果…' : submission.submitting ? '正在提交…' : draft.attempts > 0 ? '重新提交' : '提交'}
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
