import { View, Text } from '@tarojs/components'
import { groupForResidents } from '@cgt/shared/categories/resident-groups'
import type { Category } from '../../services/types'

interface Props {
  open: boolean
  categories: Category[]
  value: string
  loading: boolean
  error: string
  onRetry: () => void
  onPick: (code: string) => void
  onClose: () => void
}

/** Groups residents recognise (道路设施 / 环境卫生 / …), not the standard's 部件/事件 classes staff use. */
export function groupCategories(list: Category[]): Array<{ group: string; label: string; items: Category[] }> {
  return groupForResidents(list)
}

/** Bottom sheet picker: group headers with chips; urgent categories are marked 紧急. */
// H5 draws the tabBar inside the page (50px + safe area), so the sheet must sit above it.
const SHEET_STYLE = process.env.TARO_ENV === 'h5' ? { bottom: 'calc(50px + env(safe-area-inset-bottom))' } : undefined

export default function CategorySheet({ open, categories, value, loading, error, onRetry, onPick, onClose }: Props) {
  if (!open) return null
  const groups = groupCategories(categories)
  return (
    <View>
      <View className='mask' onClick={onClose} />
      <View className='sheet' style={SHEET_STYLE}>
        <View className='sheet__head'>
          <Text>选择问题类型</Text>
          <Text className='sheet__close' onClick={onClose}>
            关闭
          </Text>
        </View>
        <View className='sheet__body'>
          {loading ? <View className='empty'>正在加载问题类型…</View> : null}
          {error ? (
            <View className='empty'>
              <View>{error}</View>
              <View className='link' onClick={onRetry}>
                重新加载
              </View>
            </View>
          ) : null}
          {groups.map((g) => (
            <View key={g.group} className='cats__group'>
              <View className='cats__group-name'>{g.label}</View>
              <View className='cats__chips'>
                {g.items.map((c) => (
                  <View
                    key={c.code}
                    className={`cats__chip ${c.code === value ? 'cats__chip--on' : ''} ${c.urgent ? 'cats__chip--urgent' : ''}`}
                    onClick={() => onPick(c.code)}
                  >
                    {c.urgent ? <Text className='cats__urgent'>紧急</Text> : null}
                    <Text>{c.name}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
