import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { messageOf } from '../../../../services/errors'
import { fetchGuide, WASTE_PAGES, type WasteCategoryGuide } from '../../api'
import './index.scss'

/** 分类指南: the four categories (colour, what belongs there, how to put it out, examples). */
export default function WasteGuide() {
  const router = useRouter()
  const [cats, setCats] = useState<WasteCategoryGuide[]>([])
  const [active, setActive] = useState(router.params.id ?? 'recyclable')
  const [notice, setNotice] = useState('')
  const [error, setError] = useState('')

  const load = () => {
    setError('')
    fetchGuide()
      .then((g) => {
        setCats(g.categories)
        setNotice(g.notice)
      })
      .catch((e) => setError(messageOf(e)))
  }
  useEffect(load, [])

  const cat = cats.find((c) => c.id === active) ?? cats[0]

  return (
    <View className='page guide'>
      {error ? (
        <View className='empty'>
          <View>{error}</View>
          <View className='link guide__retry' onClick={load}>
            重新加载
          </View>
        </View>
      ) : null}
      {cats.length ? (
        <View className='guide__tabs'>
          {cats.map((c) => (
            <View
              key={c.id}
              className={`guide__tab ${c.id === cat?.id ? 'guide__tab--on' : ''}`}
              style={c.id === cat?.id ? { background: c.colorHex, borderColor: c.colorHex } : { color: c.colorHex, borderColor: c.colorHex }}
              onClick={() => setActive(c.id)}
            >
              {c.zh}
            </View>
          ))}
        </View>
      ) : null}

      {cat ? (
        <View className='guide__card'>
          <View className='guide__head' style={{ background: cat.colorHex }}>
            <View className='guide__bin'>
              <View className='guide__bin-lid' />
              <View className='guide__bin-body'>
                <Text>{cat.zh.slice(0, 2)}</Text>
              </View>
            </View>
            <View className='guide__head-text'>
              <Text className='guide__name'>{cat.zh}</Text>
              <Text className='guide__sub'>
                {cat.colorZh}收集容器{cat.zhAlias ? ` · 也称${cat.zhAlias}` : ''}
              </Text>
            </View>
          </View>
          <View className='guide__body'>
            <View className='guide__section'>是什么</View>
            <View className='guide__desc'>{cat.descriptionZh}</View>
            <View className='guide__section'>投放要求</View>
            {cat.tipsZh.map((t, i) => (
              <View key={i} className='guide__tip'>
                <Text className='guide__tip-no' style={{ background: cat.colorHex }}>
                  {i + 1}
                </Text>
                <Text className='guide__tip-text'>{t}</Text>
              </View>
            ))}
            <View className='guide__section'>常见物品</View>
            <View className='guide__examples'>
              {cat.examples.map((n) => (
                <Text
                  key={n}
                  className='guide__example'
                  style={{ color: cat.colorHex, borderColor: cat.colorHex }}
                  onClick={() => Taro.navigateTo({ url: `${WASTE_PAGES.search}?q=${encodeURIComponent(n)}` })}
                >
                  {n}
                </Text>
              ))}
            </View>
          </View>
        </View>
      ) : null}

      {cats.length ? (
        <View className='btn btn--primary guide__quiz' onClick={() => Taro.navigateTo({ url: WASTE_PAGES.quiz })}>
          做个小测验
        </View>
      ) : null}
      {notice ? <View className='guide__notice'>{notice}</View> : null}
    </View>
  )
}
