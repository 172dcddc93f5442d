export default definePageConfig({
  navigationBarTitleText: '找厕所',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
