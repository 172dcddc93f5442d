import { describe, expect, it } from 'vitest'
import { parseRecent, pushRecent, RECENT_MAX } from './recent'

describe('recent waste searches', () => {
  it('puts the newest first, without duplicates, capped', () => {
    let list: string[] = []
    for (const q of ['电池', '西瓜皮', ' 电池 ', '']) list = pushRecent(list, q)
    expect(list).toEqual(['电池', '西瓜皮'])
    for (let i = 0; i < 20; i++) list = pushRecent(list, `物品${i}`)
    expect(list).toHaveLength(RECENT_MAX)
    expect(list[0]).toBe('物品19')
  })

  it('survives junk in storage', () => {
    expect(parseRecent('x')).toEqual([])
    expect(parseRecent(['a', 3, '', null, 'b'])).toEqual(['a', 'b'])
  })
})
