import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { REOPEN_WINDOW_DAYS, withinReopenWindow } from '@cgt/shared/ticket/machine'
import { SATISFACTION_OPTIONS } from '../../../../constants/ticket'
import type { Satisfaction } from '../../../../services/types'

interface Props {
  closedAt?: string
  submitting: boolean
  onSubmit: (s: Satisfaction, comment: string) => void
}

/** 满意 / 基本满意 / 不满意 + comment. 不满意 explains that it reopens the ticket (重办). */
export default function RatingForm({ closedAt, submitting, onSubmit }: Props) {
  const [value, setValue] = useState<Satisfaction | ''>('')
  const [comment, setComment] = useState('')
  const canReopen = !closedAt || withinReopenWindow(new Date(closedAt), new Date())
  return (
    <View className='card'>
      <View className='card__title'>评价处理结果</View>
      <View className='rate__opts'>
        {SATISFACTION_OPTIONS.map((o) => (
          <View
            key={o.value}
            className={`rate__opt ${value === o.value ? `rate__opt--on rate__opt--${o.value}` : ''}`}
            onClick={() => setValue(o.value)}
          >
            {o.label}
          </View>
        ))}
      </View>
      {value === 'dissatisfied' ? (
        <View className='tip tip--warn'>
          {canReopen
            ? `选择「不满意」后，诉求将重新交给处理单位办理，请在下方说明不满意的原因。办结后 ${REOPEN_WINDOW_DAYS} 天内可申请重新办理。`
            : `已超过办结后 ${REOPEN_WINDOW_DAYS} 天的重新办理期限，您的评价会被记录，如问题仍存在请重新上报。`}
        </View>
      ) : null}
      <Textarea
        className='rate__comment'
        value={comment}
        maxlength={200}
        placeholder={value === 'dissatisfied' ? '请说明哪些问题没有解决（必填）' : '说说您的意见（选填）'}
        onInput={(e) => setComment(e.detail.value)}
      />
      <View className='rate__count muted'>
        <Text>{comment.length}/200</Text>
      </View>
      <View
        className={`btn btn--primary ${!value || submitting || (value === 'dissatisfied' && !comment.trim()) ? 'btn--disabled' : ''}`}
        onClick={() => {
          if (!value || submitting) return
          if (value === 'dissatisfied' && !comment.trim()) return
          onSubmit(value, comment.trim())
        }}
      >
        {submitting ? '正在提交…' : '提交评价'}
      </View>
    </View>
  )
}
