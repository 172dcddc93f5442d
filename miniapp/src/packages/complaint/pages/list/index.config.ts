export default definePageConfig({
  navigationBarTitleText: '我的信访',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
})
