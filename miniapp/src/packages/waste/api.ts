/** Waste-sorting calls (public: no login needed). All go through services/request.ts. */
import type {
  WasteCategoriesResponse,
  WasteCategoryGuide,
  WasteCategoryId,
  WasteQuizAnswersResponse,
  WasteQuizResponse,
  WasteQuizResult,
  WasteSearchResponse,
} from '@cgt/shared/schemas/waste'
import { request } from '../../services/request'

export type { WasteCategoryGuide, WasteCategoryId, WasteQuizAnswersResponse, WasteQuizResponse, WasteQuizResult, WasteSearchResponse }

export function searchWaste(q: string, limit = 10) {
  return request<WasteSearchResponse>({ url: '/api/v1/waste/search', query: { q, limit }, auth: false })
}

let guideCache: Promise<WasteCategoriesResponse> | null = null

/** The guide changes rarely: fetched once per app session (a failure is not cached). */
export function fetchGuide(): Promise<WasteCategoriesResponse> {
  if (!guideCache) {
    guideCache = request<WasteCategoriesResponse>({ url: '/api/v1/waste/categories', auth: false }).catch((e) => {
      guideCache = null
      throw e
    })
  }
  return guideCache
}

export function fetchQuiz(n = 10) {
  return request<WasteQuizResponse>({ url: '/api/v1/waste/quiz', query: { n }, auth: false })
}

export function submitQuiz(quizId: string, answers: { id: string; category: WasteCategoryId }[]) {
  return request<WasteQuizAnswersResponse>({ url: '/api/v1/waste/quiz/answers', method: 'POST', data: { quizId, answers }, auth: false })
}

/** One answer marked at once: right or wrong, the right category and why. */
export function checkQuizAnswer(quizId: string, id: string, category: WasteCategoryId) {
  return request<WasteQuizResult>({ url: '/api/v1/waste/quiz/check', method: 'POST', data: { quizId, id, category }, auth: false })
}

export const WASTE_PAGES = {
  search: '/packages/waste/pages/search/index',
  guide: (id?: string) => `/packages/waste/pages/guide/index${id ? `?id=${id}` : ''}`,
  quiz: '/packages/waste/pages/quiz/index',
}
