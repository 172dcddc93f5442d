/** 首页 quick entries. An entry without `url` is not built yet and shows 即将上线. */
export interface QuickEntry {
  key: string
  title: string
  desc: string
  /** One-character glyph shown in the coloured tile. */
  glyph: string
  color: string
  url?: string
  /** Tab pages are opened with switchTab. */
  tab?: boolean
}

export const QUICK_ENTRIES: QuickEntry[] = [
  { key: 'report', title: '随手拍', desc: '拍照反映城市问题', glyph: '拍', color: '#1d63d8', url: '/pages/report/index', tab: true },
  { key: 'parking', title: '找车位', desc: '附近停车场与泊位', glyph: '停', color: '#0e9f8a', url: '/packages/poi/pages/parking/index' },
  { key: 'toilet', title: '找厕所', desc: '附近公厕导航', glyph: '厕', color: '#2f8fd8', url: '/packages/poi/pages/toilets/index' },
  { key: 'waste', title: '垃圾分类', desc: '查询垃圾怎么分', glyph: '分', color: '#16a34a', url: '/packages/waste/pages/search/index' },
  { key: 'petition', title: '我要信访', desc: '网上信访与查询', glyph: '访', color: '#d97706', url: '/packages/complaint/pages/form/index' },
  { key: 'mine', title: '我的诉求', desc: '查看办理进度', glyph: '诉', color: '#7c4dde', url: '/packages/reports/pages/list/index' },
]
