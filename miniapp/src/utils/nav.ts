import Taro from '@tarojs/taro'

/** Opens a page, or says 即将上线 when it does not exist yet. */
export function openEntry(url?: string, tab?: boolean) {
  if (!url) {
    Taro.showToast({ title: '即将上线', icon: 'none' })
    return
  }
  if (tab) Taro.switchTab({ url })
  else Taro.navigateTo({ url })
}

export const PAGES = {
  home: '/pages/index/index',
  report: '/pages/report/index',
  myReports: '/packages/reports/pages/list/index',
  reportDetail: (id: string) => `/packages/reports/pages/detail/index?id=${encodeURIComponent(id)}`,
  privacy: '/packages/about/pages/privacy/index',
  parking: '/packages/poi/pages/parking/index',
  toilets: '/packages/poi/pages/toilets/index',
  complaintForm: '/packages/complaint/pages/form/index',
  myComplaints: '/packages/complaint/pages/list/index',
  complaintDetail: (id: string) => `/packages/complaint/pages/detail/index?id=${encodeURIComponent(id)}`,
}
