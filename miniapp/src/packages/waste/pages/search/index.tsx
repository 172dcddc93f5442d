import { useEffect, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { messageOf } from '../../../../services/errors'
import { fetchGuide, searchWaste, WASTE_PAGES, type WasteCategoryGuide, type WasteSearchResponse } from '../../api'
import ResultCard from '../../components/ResultCard'
import { parseRecent, pushRecent, RECENT_KEY } from '../../recent'
import './index.scss'

const DEBOUNCE_MS = 250

type Item = WasteSearchResponse['items'][number]

/** 垃圾分类查询: results as you type (debounced), the best match as a card in its bin colour. */
export default function WasteSearch() {
  const router = useRouter()
  const [q, setQ] = useState(router.params.q ? decodeURIComponent(router.params.q) : '')
  const [result, setResult] = useState<WasteSearchResponse | null>(null)
  const [selected, setSelected] = useState<Item | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState('')
  const [guide, setGuide] = useState<WasteCategoryGuide[]>([])
  const [notice, setNotice] = useState('')
  const [recent, setRecent] = useState<string[]>(() => parseRecent(Taro.getStorageSync(RECENT_KEY)))
  const seq = useRef(0)

  useEffect(() => {
    fetchGuide()
      .then((g) => {
        setGuide(g.categories)
        setNotice(g.notice)
      })
      .catch(() => undefined) // the card still works without colours; search shows its own errors
  }, [])

  useEffect(() => {
    const text = q.trim()
    const mine = ++seq.current
    if (!text) {
      setResult(null)
      setSelected(null)
      setError('')
      setLoading(false)
      return
    }
    setLoading(true)
    const timer = setTimeout(() => {
      searchWaste(text.slice(0, 30))
        .then((r) => {
          if (mine !== seq.current) return // a newer keystroke won
          setResult(r)
          setSelected(r.items[0] ?? null)
          setError('')
        })
        .catch((e) => mine === seq.current && setError(messageOf(e)))
        .finally(() => mine === seq.current && setLoading(false))
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [q])

  const remember = (text: string) => {
    const next = pushRecent(parseRecent(Taro.getStorageSync(RECENT_KEY)), text)
    setRecent(next)
    Taro.setStorageSync(RECENT_KEY, next)
  }
  // leaving the page after looking something up counts as a search worth remembering
  const lastFound = useRef('')
  lastFound.current = result?.items.length && q.trim() ? q.trim() : ''
  useUnload(() => {
    if (lastFound.current) remember(lastFound.current)
  })
  const clearRecent = () => {
    setRecent([])
    Taro.removeStorageSync(RECENT_KEY)
  }
  const pick = (item: Item) => {
    setSelected(item)
    remember(item.name)
    Taro.pageScrollTo({ scrollTop: 0, duration: 150 }).catch(() => undefined)
  }
  const guideOf = (id: string) => guide.find((g) => g.id === id)
  const others = (result?.items ?? []).filter((i) => i !== selected)

  return (
    <View className='page waste'>
      <View className='waste__bar'>
        <Text className='waste__icon'>⌕</Text>
        <Input
          className='field-input waste__input'
          value={q}
          focus
          maxlength={30}
          confirmType='search'
          placeholder='输入物品名称，如：电池、西瓜皮、xgp'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => q.trim() && remember(q.trim())}
        />
        {q ? (
          <Text className='waste__clear' onClick={() => setQ('')}>
            ✕
          </Text>
        ) : null}
      </View>

      {!q.trim() ? (
        <View>
          {recent.length ? (
            <View className='card'>
              <View className='card__title'>
                <Text>最近搜索</Text>
                <Text className='card__title-extra' onClick={clearRecent}>
                  清除
                </Text>
              </View>
              <View className='waste__chips'>
                {recent.map((r) => (
                  <Text key={r} className='waste__chip' onClick={() => setQ(r)}>
                    {r}
                  </Text>
                ))}
              </View>
            </View>
          ) : null}
          <View className='waste__entries'>
            <View className='waste__entry waste__entry--guide' onClick={() => Taro.navigateTo({ url: WASTE_PAGES.guide() })}>
              <Text className='waste__entry-title'>分类指南</Text>
              <Text className='waste__entry-desc'>四类垃圾怎么分、怎么投</Text>
            </View>
            <View className='waste__entry waste__entry--quiz' onClick={() => Taro.navigateTo({ url: WASTE_PAGES.quiz })}>
              <Text className='waste__entry-title'>分类小测验</Text>
              <Text className='waste__entry-desc'>10 道题，测测你会分吗</Text>
            </View>
          </View>
          {guide.length ? (
            <View className='card'>
              <View className='card__title'>四类垃圾</View>
              {guide.map((g) => (
                <View key={g.id} className='waste__cat' onClick={() => Taro.navigateTo({ url: WASTE_PAGES.guide(g.id) })}>
                  <View className='waste__cat-dot' style={{ background: g.colorHex }} />
                  <Text className='waste__cat-name'>{g.zh}</Text>
                  <Text className='waste__cat-eg muted'>如 {g.examples.slice(0, 3).join('、')}</Text>
                  <View className='cell__arrow' />
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {q.trim() && error ? <View className='tip tip--danger'>{error}</View> : null}
      {q.trim() && loading && !result ? <View className='loading-more'>查询中…</View> : null}

      {q.trim() && result?.suggestion ? (
        <View className='waste__suggest' onClick={() => setQ(result.suggestion!)}>
          您要找的是不是：<Text className='waste__suggest-name'>{result.suggestion}</Text>
        </View>
      ) : null}

      {q.trim() && result && selected ? (
        <View className='waste__results'>
          <ResultCard
            name={selected.name}
            aliases={selected.aliases}
            categoryName={selected.categoryName}
            guide={guideOf(selected.category)}
            onGuide={() => Taro.navigateTo({ url: WASTE_PAGES.guide(selected.category) })}
          />
          {others.length ? (
            <View className='card waste__list'>
              <View className='card__title'>相关物品</View>
              {others.map((i) => (
                <View key={i.name} className='waste__row' onClick={() => pick(i)}>
                  <View className='waste__cat-dot' style={{ background: guideOf(i.category)?.colorHex ?? '#8a94a6' }} />
                  <Text className='waste__row-name'>{i.name}</Text>
                  <Text className='waste__row-cat' style={{ color: guideOf(i.category)?.colorHex }}>
                    {i.categoryName}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {q.trim() && result && !result.items.length ? (
        <View className='card waste__miss'>
          <View className='waste__miss-title'>没有找到“{q.trim()}”</View>
          <View className='muted'>换个说法试试，或对照下面四类自行判断：</View>
          {(result.hints ?? []).map((h) => (
            <View key={h.category} className='waste__hint' style={{ borderLeftColor: h.colorHex }} onClick={() => Taro.navigateTo({ url: WASTE_PAGES.guide(h.category) })}>
              <Text className='waste__hint-name' style={{ color: h.colorHex }}>
                {h.name}
              </Text>
              <Text className='waste__hint-desc'>{h.description}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {notice ? <View className='waste__notice'>{notice}</View> : null}
    </View>
  )
}
