export default definePageConfig({
  navigationBarTitleText: '我的诉求',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
})
