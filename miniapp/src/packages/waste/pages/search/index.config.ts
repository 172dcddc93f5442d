export default definePageConfig({ navigationBarTitleText: '垃圾分类查询' })
