import { View, Text } from '@tarojs/components'
import type { WasteCategoryGuide } from '../api'
import './ResultCard.scss'

interface Props {
  name: string
  aliases?: string[]
  guide?: WasteCategoryGuide
  categoryName: string
  onGuide?: () => void
}

/** The answer, in the category's colour: which bin, and how to put the item out. */
export default function ResultCard({ name, aliases, guide, categoryName, onGuide }: Props) {
  const color = guide?.colorHex ?? '#5b6577'
  return (
    <View className='waste-card' style={{ borderColor: color }}>
      <View className='waste-card__head' style={{ background: color }}>
        <Text className='waste-card__name'>{name}</Text>
        <View className='waste-card__cat'>
          <Text className='waste-card__cat-name'>{categoryName}</Text>
          {guide ? <Text className='waste-card__bin'>{guide.colorZh}桶</Text> : null}
        </View>
      </View>
      <View className='waste-card__body'>
        {aliases?.length ? <View className='muted waste-card__aliases'>也叫：{aliases.join('、')}</View> : null}
        <View className='waste-card__todo-title'>怎么投放</View>
        <View className='waste-card__todo'>
          请投放到{guide ? `${guide.colorZh}` : ''}「{categoryName}」收集容器。
        </View>
        {(guide?.tipsZh ?? []).slice(0, 3).map((tip, i) => (
          <View key={i} className='waste-card__tip'>
            <Text className='waste-card__dot' style={{ background: color }} />
            <Text>{tip}</Text>
          </View>
        ))}
        {onGuide ? (
          <View className='waste-card__more link' onClick={onGuide}>
            了解{categoryName} ›
          </View>
        ) : null}
      </View>
    </View>
  )
}
