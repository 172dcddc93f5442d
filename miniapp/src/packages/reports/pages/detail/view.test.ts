import { describe, expect, it } from 'vitest'
import { extraAfterPhotos, timelineNote } from './view'

const photo = (id: string) => ({ id, url: `/u/${id}.jpg`, thumbnailUrl: `/u/${id}.t.jpg`, width: 8, height: 6 })
const at = '2026-12-01T08:00:00.000Z'

describe('report detail: everything once', () => {
  it('the timeline does not repeat the reply; reasons and ratings stay', () => {
    expect(timelineNote({ type: 'resolved', label: '处理完成', at, actorLabel: '君山区环卫所', reply: '已清运' } as never)).toBe('')
    expect(timelineNote({ type: 'rejected', label: '未能受理', at, reason: '不属于城管职责' } as never)).toBe('不属于城管职责')
    expect(timelineNote({ type: 'rated', label: '已评价', at, satisfaction: 'satisfied' } as never)).toBe('评价：满意')
  })

  it('处置后照片 lists only photos no reply shows', () => {
    const replies = [{ at, departmentName: '环卫所', text: '已清运', photos: [photo('a'), photo('b')] }]
    expect(extraAfterPhotos({ afterPhotos: [photo('a'), photo('b')], replies })).toEqual([])
    expect(extraAfterPhotos({ afterPhotos: [photo('a'), photo('c')], replies }).map((p) => p.id)).toEqual(['c'])
    expect(extraAfterPhotos({ afterPhotos: [photo('c')], replies: [] }).map((p) => p.id)).toEqual(['c'])
  })
})
