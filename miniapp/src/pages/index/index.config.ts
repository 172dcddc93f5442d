export default definePageConfig({ navigationBarTitleText: '城管通' })
