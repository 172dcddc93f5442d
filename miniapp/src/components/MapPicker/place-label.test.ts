import { describe, expect, it } from 'vitest'
import { placeLabel } from './place-label'

describe('placeLabel', () => {
  const district = { code: '430611', name: '君山区' }
  it('district · street unit when the street is known', () => {
    expect(placeLabel({ district, zone: null, street: { code: '430611001', name: '柳林洲街道' } })).toBe('君山区 · 柳林洲街道')
  })
  it('falls back to the zone, then to the district alone', () => {
    expect(placeLabel({ district, zone: { code: 'Z', name: '南湖新区', demo: true }, street: null })).toBe('君山区 · 南湖新区')
    expect(placeLabel({ district, zone: null, street: null })).toBe('君山区')
  })
})
