import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Category } from '../../services/types'

/** The 问题类型 row, with the category's safety notice (and a 119 button when the notice names it). */
export default function CategoryField({ category, onOpen }: { category: Category | undefined; onOpen: () => void }) {
  return (
    <View className='card'>
      <View className='picker-row' onClick={onOpen}>
        <Text className='required picker-row__label'>问题类型</Text>
        <Text className={`picker-row__value ${category ? '' : 'picker-row__value--empty'}`}>{category ? category.name : '请选择'}</Text>
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
  )
}
