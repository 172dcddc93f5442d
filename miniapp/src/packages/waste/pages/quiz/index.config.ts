export default definePageConfig({ navigationBarTitleText: '垃圾分类小测验' })
