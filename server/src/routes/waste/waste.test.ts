import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASTE_NOTICE } from '@cgt/shared/schemas/waste';
import { startTestServer, type TestServer } from '../../testing/harness.js';

let t: TestServer;
let clock = new Date('2026-11-27T08:00:00Z');

beforeAll(async () => {
  t = await startTestServer({ now: () => clock });
});
afterAll(async () => t?.close());

const search = (q: string, extra = '') => t.request('GET', `/api/v1/waste/search?q=${encodeURIComponent(q)}${extra}`);

describe('GET /api/v1/waste/search', () => {
  it.each([
    ['电池', 'hazardous', '有害垃圾'],
    ['西瓜皮', 'kitchen', '厨余垃圾'],
    ['纸巾', 'residual', '其他垃圾'],
  ])('%s → %s', async (q, category, categoryName) => {
    const res = await search(q);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ name: q, category, categoryName, matchedBy: 'exact' }));
    expect(res.body.hints).toBeUndefined();
  });

  it('塑料瓶 (not in the list by that exact name) → recyclable items first', async () => {
    const res = await search('塑料瓶', '&limit=3');
    expect(res.body.items).toHaveLength(3);
    expect(res.body.items.every((i: { category: string }) => i.category === 'recyclable')).toBe(true);
  });

  it('pinyin, initials, a wrong character, aliases', async () => {
    expect((await search('xiguapi')).body.items[0]).toMatchObject({ name: '西瓜皮', matchedBy: 'pinyin' });
    expect((await search('xgp')).body.items[0]).toMatchObject({ name: '西瓜皮', matchedBy: 'initials' });
    expect((await search('西瓜坯')).body.items.map((i: { name: string }) => i.name)).toContain('西瓜皮');
    expect((await search('塑料平')).body.items[0]).toMatchObject({ category: 'recyclable' });
    const alias = (await search('避孕套')).body.items[1];
    expect(alias).toMatchObject({ name: '安全套', matchedBy: 'alias', aliases: ['避孕套'] });
  });

  it('did you mean: 塑料代 → 塑料袋 first and suggested; a listed name or part of one gets no suggestion', async () => {
    const res = await search('塑料代');
    expect(res.status).toBe(200);
    expect(res.body.suggestion).toBe('塑料袋');
    expect(res.body.items[0]).toMatchObject({ name: '塑料袋', category: 'residual' });
    expect((await search('易拉灌')).body.suggestion).toBe('易拉罐');
    expect((await search('塑料袋')).body.suggestion).toBeUndefined();
    expect((await search('塑料')).body.suggestion).toBeUndefined();
    expect((await search('suliaodai')).body.suggestion).toBeUndefined();
  });

  it('orders exact > prefix > fuzzy', async () => {
    const items = (await search('西瓜', '&limit=20')).body.items as { matchedBy: string }[];
    const order = ['exact', 'alias', 'prefix', 'substring', 'pinyin', 'initials', 'fuzzy'];
    const ranks = items.map((i) => order.indexOf(i.matchedBy));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0]!.matchedBy).toBe('exact');
    expect(items.some((i) => i.matchedBy === 'prefix')).toBe(true);
  });

  it('bad queries → 400 validation_failed naming q or limit', async () => {
    for (const [path, field] of [
      ['/api/v1/waste/search', 'query.q'],
      ['/api/v1/waste/search?q=', 'query.q'],
      ['/api/v1/waste/search?q=%20%20', 'query.q'],
      [`/api/v1/waste/search?q=${encodeURIComponent('长'.repeat(31))}`, 'query.q'],
      ['/api/v1/waste/search?q=纸&limit=0', 'query.limit'],
      ['/api/v1/waste/search?q=纸&limit=51', 'query.limit'],
      ['/api/v1/waste/search?q=纸&limit=abc', 'query.limit'],
    ] as const) {
      const res = await t.request('GET', encodeURI(path).replace(/%25/g, '%'));
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details[0].field).toBe(field);
    }
    expect((await search('纸', '&limit=50')).body.items).toHaveLength(50);
    expect((await search('长'.repeat(30))).status).toBe(200);
  });

  it('no match → empty list, the four categories as hints, and the miss is recorded (anonymised, counted)', async () => {
    const res = await search('宇宙飞船');
    expect(res.body.items).toEqual([]);
    expect(res.body.hints.map((h: { category: string }) => h.category)).toEqual(['recyclable', 'hazardous', 'kitchen', 'residual']);
    expect(res.body.hints[0]).toEqual({ category: 'recyclable', name: '可回收物', colorHex: '#1E5AA8', description: expect.stringContaining('回收') });
    // recorded after the response (off the hot path): wait for the write
    const missOf = (id: string) => t.deps.models.WasteMiss.findById(id).lean();
    await expect.poll(async () => (await missOf('宇宙飞船'))?.count).toBe(1);
    clock = new Date('2026-11-27T09:00:00Z');
    await search(' 宇宙 飞船 ');
    await search('13812345678 快递');
    await expect.poll(async () => (await missOf('宇宙飞船'))?.count).toBe(2);
    const miss = await missOf('宇宙飞船');
    expect(miss).toMatchObject({ count: 2, firstSeen: new Date('2026-11-27T08:00:00Z'), lastSeen: new Date('2026-11-27T09:00:00Z') });
    await expect.poll(async () => (await missOf('#快递'))?.count).toBe(1);
    // nothing about who searched; `version` belongs to the count's versioned write
    expect(Object.keys(miss!).sort()).toEqual(['_id', 'count', 'firstSeen', 'lastSeen', 'version']);
  });
});

describe('GET /api/v1/waste/categories', () => {
  it('the four categories in order with colour, text, tips, examples and the notice', async () => {
    const res = await t.request('GET', '/api/v1/waste/categories');
    expect(res.status).toBe(200);
    expect(res.body.notice).toBe(WASTE_NOTICE);
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(['recyclable', 'hazardous', 'kitchen', 'residual']);
    const kitchen = res.body.categories[2];
    expect(kitchen).toMatchObject({ zh: '厨余垃圾', zhAlias: '湿垃圾', colorZh: '绿色', colorHex: '#2E8B3E' });
    expect(kitchen.tipsZh.length).toBeGreaterThan(0);
    expect(kitchen.examples).toContain('西瓜皮');
    expect(res.body.categories[1].examples[0]).toBe('电池');
  });
});

describe('quiz', () => {
  it('GET /quiz: balanced random items, no answers in the response', async () => {
    const res = await t.request('GET', '/api/v1/waste/quiz?n=10');
    expect(res.status).toBe(200);
    expect(res.body.questions).toHaveLength(10);
    expect(JSON.stringify(res.body)).not.toMatch(/recyclable|hazardous|kitchen|residual|可回收物|有害垃圾/);
    const cats = await Promise.all(res.body.questions.map((q: { id: string }) => t.deps.models.WasteItem.findById(q.id).lean()));
    const counts = ['recyclable', 'hazardous', 'kitchen', 'residual'].map((c) => cats.filter((d) => d!.category === c).length);
    expect(counts.sort()).toEqual([2, 2, 3, 3]);
    expect((await t.request('GET', '/api/v1/waste/quiz')).body.questions).toHaveLength(10);
    for (const n of ['0', '31', 'x']) expect((await t.request('GET', `/api/v1/waste/quiz?n=${n}`)).status).toBe(400);
  });

  it('POST /quiz/answers: score, right category and explanation for each question', async () => {
    const quiz = (await t.request('GET', '/api/v1/waste/quiz?n=8')).body as { quizId: string; questions: { id: string; name: string }[] };
    const truth = new Map<string, string>();
    for (const q of quiz.questions) truth.set(q.id, (await t.deps.models.WasteItem.findById(q.id).lean())!.category);
    const wrong = (c: string) => (c === 'kitchen' ? 'residual' : 'kitchen');
    // 5 right, 2 wrong, 1 unanswered
    const answers = quiz.questions.slice(0, 7).map((q, i) => ({ id: q.id, category: i < 5 ? truth.get(q.id)! : wrong(truth.get(q.id)!) }));
    const res = await t.request('POST', '/api/v1/waste/quiz/answers', { body: { quizId: quiz.quizId, answers } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ score: 5, total: 8 });
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(quiz.questions.map((q) => q.id));
    const second = res.body.results[5];
    expect(second).toMatchObject({ correct: false, category: truth.get(second.id), answer: wrong(truth.get(second.id)!) });
    expect(second.explanation).toContain(`${second.name}不是`);
    expect(res.body.results[7]).toMatchObject({ answer: null, correct: false });
    expect(res.body.results[0].explanation).toMatch(/^答对了/);
  });

  it('POST /quiz/check: each answer is marked at once (right or wrong, the right category, why); only the quiz\'s own questions', async () => {
    const quiz = (await t.request('GET', '/api/v1/waste/quiz?n=4')).body as { quizId: string; questions: { id: string; name: string }[] };
    const [first, second] = quiz.questions as [{ id: string; name: string }, { id: string; name: string }];
    const truth = (await t.deps.models.WasteItem.findById(first.id).lean())!.category;
    const right = await t.request('POST', '/api/v1/waste/quiz/check', { body: { quizId: quiz.quizId, id: first.id, category: truth } });
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ id: first.id, name: first.name, answer: truth, correct: true, category: truth });
    expect(right.body.explanation).toMatch(/^答对了/);
    const truth2 = (await t.deps.models.WasteItem.findById(second.id).lean())!.category;
    const wrongCat = truth2 === 'kitchen' ? 'residual' : 'kitchen';
    const wrong = await t.request('POST', '/api/v1/waste/quiz/check', { body: { quizId: quiz.quizId, id: second.id, category: wrongCat } });
    expect(wrong.body).toMatchObject({ correct: false, answer: wrongCat, category: truth2, categoryName: expect.stringMatching(/垃圾|可回收物/) });
    expect(wrong.body.explanation).toContain(`${second.name}不是`);
    const other = await t.request('POST', '/api/v1/waste/quiz/check', { body: { quizId: quiz.quizId, id: 'a'.repeat(24), category: 'kitchen' } });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].field).toBe('id');
    const tampered = await t.request('POST', '/api/v1/waste/quiz/check', { body: { quizId: `${quiz.quizId}x`, id: first.id, category: 'kitchen' } });
    expect(tampered.body.error).toMatchObject({ code: 'quiz_invalid', details: [{ field: 'quizId' }] });
    const badCat = await t.request('POST', '/api/v1/waste/quiz/check', { body: { quizId: quiz.quizId, id: first.id, category: 'bulky' } });
    expect(badCat.status).toBe(400);
  });

  it('tampered, foreign or expired quizId → 400; answers outside the quiz → 400', async () => {
    const quiz = (await t.request('GET', '/api/v1/waste/quiz?n=4')).body as { quizId: string; questions: { id: string }[] };
    const [payload, sig] = quiz.quizId.split('.') as [string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[10]! ^= 0xff;
    const post = (quizId: string, answers: { id: string; category: string }[] = []) => t.request('POST', '/api/v1/waste/quiz/answers', { body: { quizId, answers } });
    for (const bad of [`${bytes.toString('base64url')}.${sig}`, `${payload}.${'A'.repeat(sig.length)}`, 'garbage']) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'quiz_invalid', details: [{ field: 'quizId' }] });
    }
    const other = '0123456789abcdef01234567';
    expect((await post(quiz.quizId, [{ id: other, category: 'kitchen' }])).body.error.details[0].field).toBe('answers[0].id');
    const dup = quiz.questions[0]!.id;
    expect((await post(quiz.quizId, [{ id: dup, category: 'kitchen' }, { id: dup, category: 'kitchen' }])).status).toBe(400);
    expect((await post(quiz.quizId, [{ id: dup, category: 'bulky' }])).body.error.details[0].field).toBe('answers[0].category');
    const saved = clock;
    clock = new Date(clock.getTime() + 25 * 3600_000);
    expect((await post(quiz.quizId)).body.error.code).toBe('quiz_expired');
    clock = saved;
  });
});
