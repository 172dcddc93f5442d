import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { QUICK_ENTRIES } from '../../constants/entries'
import { openEntry, PAGES } from '../../utils/nav'
import './index.scss'

/** 首页: city banner, six quick entries, how 随手拍 works, the 12319 hotline. */
export default function Home() {
  return (
    <View className='page home'>
      <View className='home__banner'>
        <Text className='home__city'>岳阳市城市管理局</Text>
        <Text className='home__slogan'>城市管理 · 您我共建</Text>
        <View className='home__cta' onClick={() => openEntry(PAGES.report, true)}>
          <Text>发现问题，随手一拍</Text>
          <Text className='home__cta-arrow'>去上报</Text>
        </View>
      </View>

      <View className='card home__grid'>
        {QUICK_ENTRIES.map((e) => (
          <View key={e.key} className='home__entry' onClick={() => openEntry(e.url, e.tab)}>
            <View className='home__glyph' style={{ background: e.color }}>
              <Text>{e.glyph}</Text>
            </View>
            <Text className='home__entry-title'>{e.title}</Text>
            <Text className='home__entry-desc'>{e.desc}</Text>
          </View>
        ))}
      </View>

      <View className='card'>
        <View className='card__title'>随手拍怎么办理</View>
        <View className='home__steps'>
          {['拍照上报', '受理', '交办处理', '确认办结'].map((s, i) => (
            <View key={s} className='home__step'>
              <View className='home__step-no'>{i + 1}</View>
              <Text className='home__step-text'>{s}</Text>
            </View>
          ))}
        </View>
        <View className='tip tip--info'>提交后可在「我的诉求」查看受理编号、办理时限和进度。燃气泄漏、火情等紧急情况请直接拨打 119。</View>
      </View>

      <View className='card home__hotline' onClick={() => Taro.makePhoneCall({ phoneNumber: '12319' }).catch(() => undefined)}>
        <View>
          <View className='home__hotline-title'>城管服务热线</View>
          <View className='muted'>咨询、投诉与建议</View>
        </View>
        <Text className='home__hotline-no'>12319</Text>
      </View>
    </View>
  )
}
