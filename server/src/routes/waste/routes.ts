import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  WASTE_NOTICE,
  WasteCategoriesResponse,
  WasteQuizAnswersRequest,
  WasteQuizAnswersResponse,
  WasteQuizCheckRequest,
  WasteQuizResult as WasteQuizResultSchema,
  WasteQuizQuery,
  WasteQuizResponse,
  WasteSearchQuery,
  WasteSearchResponse,
  type WasteQuizResult,
} from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../../deps.js';
import { anonymiseMiss, normalizeQuery } from '../../domain/waste/normalize.js';
import { explain, pickBalanced, signQuiz, verifyQuiz } from '../../domain/waste/quiz.js';
import { didYouMean } from '../../domain/waste/did-you-mean.js';
import { searchWaste, type IndexItem } from '../../domain/waste/search-index.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { getWasteSnapshot, noteWasteMiss } from '../../services/waste-index.js';
import { registerWasteAdminRoutes } from './admin-routes.js';
import { presentGuide, presentHints, presentHit } from '../../presenters/waste.js';

const TAGS = ['垃圾分类'];

/** Public waste-sorting routes (no login: looking up how to sort an item needs no account). */
export function registerWasteRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/waste/search',
    summary: '垃圾分类查询（汉字、拼音、拼音首字母、别名，容错一个错字）',
    tags: TAGS,
    auth: 'none',
    query: WasteSearchQuery,
    responses: { 200: { description: '匹配的物品（精确 → 前缀 → 包含 → 拼音 → 别名 → 模糊）；无结果时附四类说明；输入有误时附 suggestion（您要找的是不是）', schema: WasteSearchResponse } },
    handler: async (_ctx, { query, deps }) => {
      const snap = await getWasteSnapshot(deps);
      const found = searchWaste(snap.index, query.q, query.limit);
      const suggestion = didYouMean(snap.index, query.q);
      // the suggested item leads the list (the card shows it), whatever its tie with other near matches
      const hits = suggestion ? [...found.filter((h) => h.item.name === suggestion), ...found.filter((h) => h.item.name !== suggestion)] : found;
      if (hits.length > 0) return { items: hits.map((h) => presentHit(h, snap)), ...(suggestion ? { suggestion } : {}) };
      // off the response path: a miss costs the resident no database write latency
      noteWasteMiss(deps, anonymiseMiss(normalizeQuery(query.q)));
      return { items: [], hints: presentHints(snap), ...(suggestion ? { suggestion } : {}) };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/waste/categories',
    summary: '四类垃圾投放指南（颜色、说明、投放提示、示例）',
    tags: TAGS,
    auth: 'none',
    responses: { 200: { description: '分类指南', schema: WasteCategoriesResponse } },
    handler: async (_ctx, { deps }) => {
      const snap = await getWasteSnapshot(deps);
      return { categories: presentGuide(snap), notice: WASTE_NOTICE };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/waste/quiz',
    summary: '分类小测验：随机抽题，四类均衡（答案不随题目下发）',
    tags: TAGS,
    auth: 'none',
    query: WasteQuizQuery,
    responses: { 200: { description: '题目与签名的 quizId', schema: WasteQuizResponse } },
    handler: async (_ctx, { query, deps }) => {
      const snap = await getWasteSnapshot(deps);
      const picked = pickBalanced(snap.byCategory, query.n);
      return {
        quizId: signQuiz(deps.config.JWT_SECRET, picked.map((i) => i.id), deps.now()),
        questions: picked.map((i) => ({ id: i.id, name: i.name })),
        notice: WASTE_NOTICE,
      };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/waste/quiz/answers',
    summary: '提交测验答案：得分、每题正确分类与说明',
    tags: TAGS,
    auth: 'none',
    body: WasteQuizAnswersRequest,
    responses: { 200: { description: '评分结果', schema: WasteQuizAnswersResponse } },
    handler: async (_ctx, { body, deps }) => {
      const verified = quizIds(deps, body.quizId);
      const inQuiz = new Set(verified.ids);
      const answers = new Map<string, (typeof body.answers)[number]['category']>();
      body.answers.forEach((a, i) => {
        if (!inQuiz.has(a.id)) throw fail('validation_failed', [{ field: `answers[${i}].id`, message: '不是本次测验的题目' }], `参数 answers[${i}].id 无效：不是本次测验的题目`);
        if (answers.has(a.id)) throw fail('validation_failed', [{ field: `answers[${i}].id`, message: '重复作答' }], `参数 answers[${i}].id 无效：重复作答`);
        answers.set(a.id, a.category);
      });
      const snap = await getWasteSnapshot(deps);
      const results: WasteQuizResult[] = [];
      for (const id of verified.ids) {
        const item = snap.byId.get(id) ?? (await loadRemovedItem(deps, id));
        if (!item) continue; // vanished from the database entirely: the question no longer counts
        results.push(markAnswer(item, answers.get(id) ?? null, snap));
      }
      return { score: results.filter((r) => r.correct).length, total: results.length, results };
    },
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/waste/quiz/check',
    summary: '测验中逐题核对：答完一题即告知对错、正确分类与原因',
    tags: TAGS,
    auth: 'none',
    body: WasteQuizCheckRequest,
    responses: { 200: { description: '这一题的对错、正确分类与说明', schema: WasteQuizResultSchema } },
    handler: async (_ctx, { body, deps }) => {
      const verified = quizIds(deps, body.quizId);
      if (!verified.ids.includes(body.id)) throw fail('validation_failed', [{ field: 'id', message: '不是本次测验的题目' }], '参数 id 无效：不是本次测验的题目');
      const snap = await getWasteSnapshot(deps);
      const item = snap.byId.get(body.id) ?? (await loadRemovedItem(deps, body.id));
      if (!item) throw fail('not_found', [{ field: 'id', message: '题目已不存在' }], '该题目已不存在');
      return markAnswer(item, body.category, snap);
    },
  });

  registerWasteAdminRoutes(router, registry, deps);
}

/** The question ids a quizId carries, or 400 (tampered, foreign) / expired. */
function quizIds(deps: AppDeps, quizId: string): { ids: string[] } {
  const verified = verifyQuiz(deps.config.JWT_SECRET, quizId, deps.now());
  if ('error' in verified) {
    if (verified.error === 'expired') throw fail('quiz_expired', [{ field: 'quizId', message: '测验已过期' }]);
    throw fail('quiz_invalid', [{ field: 'quizId', message: '测验编号无效或已被修改' }], '测验编号无效');
  }
  return verified;
}

function markAnswer(item: IndexItem, answer: WasteQuizResult['answer'], snap: Awaited<ReturnType<typeof getWasteSnapshot>>): WasteQuizResult {
  return {
    id: item.id,
    name: item.name,
    answer,
    correct: answer === item.category,
    category: item.category,
    categoryName: snap.categories[item.category].zh,
    explanation: explain(item.name, answer, item.category, snap.categories),
  };
}

/** An item removed after the quiz was issued is still marked with its last category (the tombstone). */
async function loadRemovedItem(deps: AppDeps, id: string): Promise<IndexItem | null> {
  const doc = await deps.models.WasteItem.findById(id).lean();
  return doc ? { id, name: doc.name, category: doc.category as IndexItem['category'], aliases: doc.aliases ?? [] } : null;
}
