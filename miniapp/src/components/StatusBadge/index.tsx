import { Text } from '@tarojs/components'
import { statusLabel, statusTone } from '../../constants/ticket'

/** Coloured status pill (待受理 / 处置中 / 已结案 …). */
export default function StatusBadge({ status, overdue }: { status?: string; overdue?: boolean }) {
  return (
    <Text className={`badge badge--${overdue && status !== 'closed' ? 'red' : statusTone(status)}`}>
      {statusLabel(status)}
      {overdue && status !== 'closed' ? ' · 已超期' : ''}
    </Text>
  )
}
