import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Category, ReportCreated } from '../../services/types'
import { formatDateTime, formatDistance } from '../../utils/format'
import { statusLabel } from '../../constants/ticket'
import { PAGES } from '../../utils/nav'

interface Props {
  result: ReportCreated
  /** To name duplicate suggestions, which carry only categoryCode. */
  categories: Category[]
  onAgain: () => void
}

/** Shown after a successful submit: tracking number, district, due time, nearby duplicates. */
export default function ResultView({ result, categories, onAgain }: Props) {
  const catName = (code?: string) => categories.find((c) => c.code === code)?.name
  const dups = result.possibleDuplicates ?? []
  return (
    <View className='page result'>
      <View className='card result__head'>
        <View className='result__icon'>
          <View className='result__check' />
        </View>
        <View className='result__title'>提交成功</View>
        <View className='muted'>我们会尽快受理，办理进度可在「我的诉求」查看</View>
      </View>

      <View className='card'>
        <View className='kv'>
          <Text className='kv__k'>受理编号</Text>
          <Text className='kv__v result__no'>{result.trackingNo}</Text>
          <Text className='link' onClick={() => Taro.setClipboardData({ data: result.trackingNo })}>
            复制
          </Text>
        </View>
        <View className='kv'>
          <Text className='kv__k'>所属辖区</Text>
          <Text className='kv__v result__district'>
            {result.district?.name}
            {result.zone?.name ? `（${result.zone.name}）` : ''}
          </Text>
        </View>
        {result.department?.name ? (
          <View className='kv'>
            <Text className='kv__k'>处置单位</Text>
            <Text className='kv__v'>{result.department.name}</Text>
          </View>
        ) : null}
        {result.dueAt ? (
          <View className='kv'>
            <Text className='kv__k'>预计办结</Text>
            <Text className='kv__v'>{formatDateTime(result.dueAt)} 前</Text>
          </View>
        ) : null}
        <View className='kv'>
          <Text className='kv__k'>当前状态</Text>
          <Text className='kv__v'>{statusLabel(result.status)}</Text>
        </View>
      </View>

      {dups.length ? (
        <View className='card nearby-open'>
          <View className='card__title'>{result.nearbyNotice ?? `附近已有 ${dups.length} 条同类问题正在处理`}</View>
          <View className='muted'>与您反映的问题类型相同、位置相近，可能是同一问题，正在一并处理。</View>
          {dups.map((d, i) => (
            <View key={i} className='dup'>
              <View className='dup__main'>
                <Text className='muted'>
                  {[d.categoryName || catName(d.categoryCode), formatDistance(d.distanceMeters), d.statusLabel || statusLabel(d.status)].filter(Boolean).join(' · ')}
                </Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}

      <View className='result__actions'>
        <View className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PAGES.reportDetail(result.id) })}>
          查看办理进度
        </View>
        <View className='btn' onClick={onAgain}>
          继续上报
        </View>
      </View>
    </View>
  )
}
