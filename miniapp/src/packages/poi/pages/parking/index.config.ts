export default definePageConfig({
  navigationBarTitleText: '找车位',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
