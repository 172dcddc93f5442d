export default definePageConfig({ navigationBarTitleText: '我要信访' })
