/**
 * Main package = the three tab pages only. Feature pages live in subpackages (packages/<feature>/).
 * Subpackages: reports, about, waste, poi (找车位/找厕所), complaint (信访).
 */
const config = {
  pages: ['pages/index/index', 'pages/report/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/reports', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/about', pages: ['pages/privacy/index'] },
    { root: 'packages/waste', pages: ['pages/search/index', 'pages/guide/index', 'pages/quiz/index'] },
    { root: 'packages/poi', pages: ['pages/parking/index', 'pages/toilets/index'] },
    { root: 'packages/complaint', pages: ['pages/form/index', 'pages/list/index', 'pages/detail/index'] },
  ],
  preloadRule: {
    'pages/me/index': { network: 'all', packages: ['packages/reports'] },
  },
  window: {
    navigationBarTitleText: '城管通',
    navigationBarBackgroundColor: '#1d63d8',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a94a6',
    selectedColor: '#1d63d8',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/report/index', text: '随手拍', iconPath: 'assets/tab/camera.png', selectedIconPath: 'assets/tab/camera-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/user.png', selectedIconPath: 'assets/tab/user-active.png' },
    ],
  },
  // Location is asked for on the 随手拍 page and, after the resident agrees on the page, by 找车位/找厕所 (privacy consent first).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定您上报问题的位置并转交所在辖区处置，以及查找附近的停车场和公厕' },
  },
  // Opt in to the privacy-agreement checks (wx.onNeedPrivacyAuthorization / requirePrivacyAuthorize).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
}

export default defineAppConfig(config as unknown as Taro.AppConfig)
