/**
 * Main package = the three tab pages only. Feature pages live in subpackages (packages/<feature>/).
 * Later issues add parking, toilets, waste sorting and 信访 as further subpackages.
 */
const config = {
  pages: ['pages/index/index', 'pages/report/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/reports', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/about', pages: ['pages/privacy/index'] },
    { root: 'packages/waste', pages: ['pages/search/index', 'pages/guide/index', 'pages/quiz/index'] },
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
  // Location is asked for only on the 随手拍 page, after privacy consent.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定您上报问题的位置，并转交所在辖区处置' },
  },
  // Opt in to the privacy-agreement checks (wx.onNeedPrivacyAuthorization / requirePrivacyAuthorize).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
}

export default defineAppConfig(config as unknown as Taro.AppConfig)
