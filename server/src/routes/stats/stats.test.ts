import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, RAISED_LIMITS, type TestServer } from '../../testing/harness.js';
import { act, departmentOf, fileReport, JUNSHAN_CODE, makeCitizen, makeStaff, YUEYANGLOU, YUEYANGLOU_CODE, type StaffFixture } from '../../testing/tickets.js';

/**
 * The 考核 statistics over HTTP: events of November counted in November, 按期 against the deadline,
 * "still open" counted once their deadline day is past; scope; drill-down total = numerator; Excel; 督办.
 */

let t: TestServer;
let clock = new Date('2026-11-03T02:00:00Z'); // Tuesday 10:00 in Shanghai
let admin: StaffFixture;
let viewer: StaffFixture;
let junshanDispatcher: StaffFixture;
let handler: StaffFixture;
let dept: { id: string; name: string };
const ids = {} as Record<'A' | 'B' | 'C' | 'D', string>;

const NOV = 'from=2026-11-01&to=2026-11-30';

beforeAll(async () => {
  t = await startTestServer({ env: { ...RAISED_LIMITS }, now: () => clock });
  admin = await makeStaff(t, ['admin']);
  viewer = await makeStaff(t, ['viewer'], { name: '局领导' });
  junshanDispatcher = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  dept = await departmentOf(t, JUNSHAN_CODE, '环卫所');
  handler = await makeStaff(t, ['handler'], { districtCodes: [JUNSHAN_CODE], departmentIds: [dept.id] });
  const resident = (await makeCitizen(t)).token;
  const file = async (over: Record<string, unknown> = {}) => {
    const r = await fileReport(t, resident, over);
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const ok = async (token: string, id: string, body: Record<string, unknown>) => expect((await act(t, token, id, body)).status).toBe(200);
  // Junshan: A closed on time, B dispatched and left open, C rejected; Yueyanglou: D accepted and left open
  ids.A = await file();
  ids.B = await file({ description: '路边垃圾两处' });
  ids.C = await file({ description: '路边垃圾三处' });
  ids.D = await file({ location: YUEYANGLOU, address: '岳阳楼区某路' });
  for (const id of [ids.A, ids.B]) {
    await ok(junshanDispatcher.token, id, { action: 'accept' });
    await ok(junshanDispatcher.token, id, { action: 'dispatch', departmentId: dept.id });
  }
  await ok(junshanDispatcher.token, ids.C, { action: 'reject', reason: '不属于城管职责' });
  await ok(admin.token, ids.D, { action: 'accept' });
  clock = new Date('2026-11-03T05:00:00Z');
  await ok(handler.token, ids.A, { action: 'resolve', reply: '已清理' });
  await ok(junshanDispatcher.token, ids.A, { action: 'verify' });
  // read a month later: B's and D's deadlines (early November) are past
  clock = new Date('2026-12-10T02:00:00Z');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = (token: string, path: string) => t.request('GET', path, { token });
const item = (body: { items: { code?: string; id?: string }[] }, key: string) => body.items.find((i) => i.code === key || i.id === key) as any;

describe('GET /api/v1/admin/stats/assessment', () => {
  it('counts November events in November per district, with rates and 综合指标值', async () => {
    const res = await get(viewer.token, `/api/v1/admin/stats/assessment?${NOV}&unit=district`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-11-01', to: '2026-11-30', unit: 'district', weightsVersion: 'default' });
    expect(res.body.asOfNote).toContain('事件发生');
    const js = item(res.body, JUNSHAN_CODE);
    expect(js.indicators).toMatchObject({
      reportedCount: 3,
      reportedResidentCount: 3,
      acceptedCount: 2,
      rejectedCount: 1,
      dispatchedCount: 2,
      closedCount: 1,
      closedOnTimeCount: 1,
      overdueUnclosedCount: 1,
      dueToCloseCount: 2,
      closeRate: 0.5,
      onTimeCloseRate: 0.5,
      resolvedCount: 1,
      overdueUnresolvedCount: 1,
      handleRate: 0.5,
      reworkRate: 0,
      satisfactionRate: null,
    });
    // 0.5×30 + 0.5×20 + 1×20 + 0.5×20 + 1×10 = 65
    expect(js.score).toBe(65);
    expect(js.grade).toBe('合格');
    const yl = item(res.body, YUEYANGLOU_CODE);
    expect(yl.indicators).toMatchObject({ reportedCount: 1, acceptedCount: 1, overdueUnclosedCount: 1, closeRate: 0, handleRate: null });
    expect(yl.score).toBeNull();
    expect(res.body.total.name).toBe('全市');
    expect(res.body.total.indicators.reportedCount).toBeGreaterThanOrEqual(4);
    // nothing happened in October
    const oct = await get(viewer.token, '/api/v1/admin/stats/assessment?from=2026-10-01&to=2026-10-31');
    expect(item(oct.body, JUNSHAN_CODE).indicators.reportedCount).toBe(0);
    expect(item(oct.body, JUNSHAN_CODE).indicators.closeRate).toBeNull();
  });

  it('ranks departments with the department indicators and compares with the previous period', async () => {
    const res = await get(viewer.token, `/api/v1/admin/stats/assessment?${NOV}&unit=department&compare=true`);
    expect(res.status).toBe(200);
    const d = item(res.body, dept.id);
    expect(d).toMatchObject({ name: dept.name, districtCode: JUNSHAN_CODE, kind: 'department', rank: 1 });
    expect(d.indicators).toMatchObject({ dueToHandleCount: 2, resolvedCount: 1, resolvedOnTimeCount: 1, handleRate: 0.5, onTimeHandleRate: 0.5 });
    expect(d.indicators).not.toHaveProperty('closeRate');
    expect(res.body.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(d.previous.indicators.resolvedCount).toBe(0);
  });

  it('scopes a district dispatcher to the district; handlers may not read statistics; bad input is a 400 naming the field', async () => {
    const res = await get(junshanDispatcher.token, `/api/v1/admin/stats/assessment?${NOV}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { code: string }) => i.code)).toEqual([JUNSHAN_CODE]);
    expect(res.body.total).toMatchObject({ name: '合计' });
    expect(res.body.total.indicators.reportedCount).toBe(3);
    const depts = await get(junshanDispatcher.token, `/api/v1/admin/stats/assessment?${NOV}&unit=department`);
    expect(depts.body.items.every((i: { districtCode: string }) => i.districtCode === JUNSHAN_CODE)).toBe(true);
    expect((await get(handler.token, `/api/v1/admin/stats/assessment?${NOV}`)).status).toBe(403);
    const bad = await get(viewer.token, '/api/v1/admin/stats/assessment?from=2026-11-31&to=2026-11-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('query.from');
    const reversed = await get(viewer.token, '/api/v1/admin/stats/assessment?from=2026-11-30&to=2026-11-01');
    expect(reversed.status).toBe(400);
  });
});

describe('drill-down: GET /api/v1/admin/tickets?stat=…', () => {
  it('lists exactly the events behind the numerator; total equals the number in the ranking', async () => {
    const onTime = await get(viewer.token, `/api/v1/admin/tickets?stat=onTimeCloseRate&statUnit=${JUNSHAN_CODE}&${NOV}`);
    expect(onTime.status).toBe(200);
    expect(onTime.body.total).toBe(1);
    expect(onTime.body.items.map((i: { id: string }) => i.id)).toEqual([ids.A]);
    expect(onTime.body.items[0].statAt).toBe('2026-11-03T05:00:00.000Z');
    const due = await get(viewer.token, `/api/v1/admin/tickets?stat=dueToCloseCount&statUnit=${JUNSHAN_CODE}&${NOV}`);
    expect(due.body.total).toBe(2);
    expect(due.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.A, ids.B].sort());
    const byDept = await get(viewer.token, `/api/v1/admin/tickets?stat=onTimeHandleRate&statUnit=${dept.id}&${NOV}`);
    expect(byDept.body.total).toBe(1);
    const city = await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&${NOV}`);
    const ranking = await get(viewer.token, `/api/v1/admin/stats/assessment?${NOV}`);
    expect(city.body.total).toBe(ranking.body.total.indicators.reportedCount);
    // 全市 is read a day × district at a time: page by page it is the same list, each event once
    const key = (i: { id: string; statAt: string; districtCode: string }) => `${i.statAt.slice(0, 10)}|${i.districtCode}|${i.id}`;
    const whole = (await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&${NOV}&pageSize=100`)).body.items.map(key);
    expect(new Set(whole.map((k: string) => k.split('|')[1])).size).toBeGreaterThan(1);
    const paged: string[] = [];
    for (let page = 1; page <= city.body.total; page++) paged.push(...(await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&${NOV}&pageSize=1&page=${page}`)).body.items.map(key));
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(city.body.total);
  });

  it('follows the scope, refuses handlers and needs a period', async () => {
    expect((await get(junshanDispatcher.token, `/api/v1/admin/tickets?stat=reportedCount&statUnit=${YUEYANGLOU_CODE}&${NOV}`)).status).toBe(404);
    const mine = await get(junshanDispatcher.token, `/api/v1/admin/tickets?stat=reportedCount&${NOV}`);
    expect(mine.body.total).toBe(3);
    expect((await get(handler.token, `/api/v1/admin/tickets?stat=reportedCount&${NOV}`)).status).toBe(403);
    const noPeriod = await get(viewer.token, '/api/v1/admin/tickets?stat=reportedCount');
    expect(noPeriod.status).toBe(400);
    expect((await get(viewer.token, `/api/v1/admin/tickets?stat=avgHandlingHours&${NOV}`)).status).toBe(400);
  });
});

async function download(token: string, path: string): Promise<{ res: Response; wb: ExcelJS.Workbook }> {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  const wb = new ExcelJS.Workbook();
  if (res.status === 200) await wb.xlsx.load(await res.arrayBuffer());
  return { res, wb };
}

describe('Excel exports', () => {
  it('the ranking: Chinese headers, frozen header, percentages with one decimal, 全市 row, formulas on sheet 2', async () => {
    const { res, wb } = await download(viewer.token, `/api/v1/admin/stats/assessment?${NOV}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('考核排名_区域_2026-11-01至2026-11-30.xlsx');
    const ws = wb.getWorksheet('考核排名')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['排名', '区域', '综合指标值', '等级']);
    expect(headers).toContain('结案率');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const col = (label: string) => headers.indexOf(label) + 1;
    let junshan: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(2).value === '君山区') junshan = row;
    });
    expect(junshan!.getCell(col('上报数')).value).toBe(3);
    expect(junshan!.getCell(col('结案率')).value).toBe(0.5);
    expect(junshan!.getCell(col('结案率')).numFmt).toBe('0.0%');
    expect(junshan!.getCell(col('满意率')).value).toBe('—');
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(2).value).toBe('全市');
    expect(Number(last.getCell(col('上报数')).value)).toBeGreaterThanOrEqual(4);
    const sheet2 = wb.getWorksheet('统计口径与公式')!;
    const texts: string[] = [];
    sheet2.eachRow((r) => texts.push(String(r.getCell(1).value), String(r.getCell(2).value)));
    expect(texts).toContain('2026-11-01 至 2026-11-30');
    expect(texts.some((s) => s.includes('处置率×30'))).toBe(true);
  });

  it('a drill-down list: every event a row, a 合计 row, and the scope applies', async () => {
    const { res, wb } = await download(viewer.token, `/api/v1/admin/tickets?stat=dueToCloseCount&statUnit=${JUNSHAN_CODE}&${NOV}&format=xlsx`);
    expect(res.status).toBe(200);
    const ws = wb.getWorksheet('明细')!;
    expect(ws.getRow(1).getCell(2).value).toBe('受理编号');
    expect(ws.rowCount).toBe(1 + 2 + 1);
    expect(ws.getRow(4).getCell(1).value).toBe('合计');
    const denied = await download(junshanDispatcher.token, `/api/v1/admin/stats/assessment?${NOV}&format=xlsx`);
    const names: unknown[] = [];
    denied.wb.getWorksheet('考核排名')!.eachRow((r, i) => i > 1 && names.push(r.getCell(2).value));
    expect(names).toEqual(['君山区', '合计']);
    expect((await download(handler.token, `/api/v1/admin/stats/assessment?${NOV}&format=xlsx`)).res.status).toBe(403);
  });
});

describe('督办', () => {
  it('a leader supervises an open ticket: timeline, red tag at the top of the handler queue, counted; state unchanged', async () => {
    const bad = await act(t, viewer.token, ids.B, { action: 'supervise', note: '尽快处理', deadline: '2026-12-01' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect(bad.body.error.details[0].field).toBe('deadline');
    expect((await act(t, viewer.token, ids.B, { action: 'supervise', deadline: '2026-12-20' })).status).toBe(400);
    expect((await act(t, handler.token, ids.B, { action: 'supervise', note: 'x', deadline: '2026-12-20' })).status).toBe(403);
    expect((await act(t, viewer.token, ids.A, { action: 'supervise', note: 'x', deadline: '2026-12-20' })).status).toBe(409);

    const res = await act(t, viewer.token, ids.B, { action: 'supervise', note: '市领导督办：两日内清理', deadline: '2026-12-12' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('dispatched');
    expect(res.body.supervision).toMatchObject({ note: '市领导督办：两日内清理', byName: '局领导', overdue: false });
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'supervised', label: '督办', note: '市领导督办：两日内清理', deadline: '2026-12-12T15:59:59.999Z' });

    const queue = await get(handler.token, '/api/v1/admin/tickets?sort=-dueAt');
    expect(queue.status).toBe(200);
    expect(queue.body.items[0]).toMatchObject({ id: ids.B, supervision: { note: '市领导督办：两日内清理' } });

    clock = new Date('2026-12-11T02:00:00Z');
    await act(t, handler.token, ids.B, { action: 'resolve', reply: '已清理' });
    await act(t, junshanDispatcher.token, ids.B, { action: 'verify' });
    const dec = await get(viewer.token, `/api/v1/admin/stats/assessment?from=2026-12-01&to=2026-12-31&unit=district`);
    expect(item(dec.body, JUNSHAN_CODE).indicators).toMatchObject({ supervisedCount: 1, supervisedOnTimeCloseRate: 1, closedCount: 1, closedOnTimeCount: 0 });
    // November's 超期未结 no longer holds B: it was closed (in December)
    const nov = await get(viewer.token, `/api/v1/admin/stats/assessment?${NOV}`);
    expect(item(nov.body, JUNSHAN_CODE).indicators.overdueUnclosedCount).toBe(0);
  });
});

describe('trend, categories, weights', () => {
  it('a 12-month trend of one indicator for one unit', async () => {
    const res = await get(viewer.token, `/api/v1/admin/stats/trend?indicator=reportedCount&unit=district&code=${JUNSHAN_CODE}&to=2026-12&months=3`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '君山区', label: '上报数', kind: 'count' });
    expect(res.body.points).toEqual([
      { month: '2026-10', value: 0 },
      { month: '2026-11', value: 3 },
      { month: '2026-12', value: 0 },
    ]);
    const rate = await get(viewer.token, `/api/v1/admin/stats/trend?indicator=closeRate&code=${JUNSHAN_CODE}&to=2026-11&months=2`);
    expect(rate.body.points).toEqual([
      { month: '2026-10', value: null },
      { month: '2026-11', value: 1 / 1 },
    ]);
    expect((await get(junshanDispatcher.token, `/api/v1/admin/stats/trend?indicator=reportedCount&code=${YUEYANGLOU_CODE}`)).status).toBe(404);
    expect((await get(viewer.token, '/api/v1/admin/stats/trend?indicator=nope')).status).toBe(400);
  });

  it('top categories per district', async () => {
    const res = await get(viewer.token, `/api/v1/admin/stats/categories?${NOV}&districtCode=${JUNSHAN_CODE}`);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ code: JUNSHAN_CODE, categories: [{ categoryCode: '06010', categoryName: '暴露垃圾', reportedCount: 3, acceptedCount: 2, closedCount: 1 }] });
  });

  it('every category figure is a link: the drill-down of that district × category lists exactly that many', async () => {
    // a December report of another category in the same district: it must not show in 暴露垃圾's lists
    const resident = (await makeCitizen(t)).token;
    expect((await fileReport(t, resident, { categoryCode: '06011', description: '积存渣土一处' })).status).toBe(201);
    const DEC = 'from=2026-12-01&to=2026-12-31';
    for (const period of [NOV, DEC]) {
      const cats = await get(viewer.token, `/api/v1/admin/stats/categories?${period}`);
      const rows = [
        ...cats.body.items.flatMap((i: { code: string; categories: Record<string, unknown>[] }) => i.categories.map((c) => ({ ...c, unit: i.code }))),
        ...cats.body.total.map((c: Record<string, unknown>) => ({ ...c, unit: '' })),
      ];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        for (const [stat, key] of [['reportedCount', 'reportedCount'], ['acceptedCount', 'acceptedCount'], ['closedCount', 'closedCount']] as const) {
          const unit = r.unit ? `&statUnit=${r.unit}` : '';
          const drill = await get(viewer.token, `/api/v1/admin/tickets?stat=${stat}${unit}&statCategory=${r.categoryCode}&${period}&pageSize=100`);
          expect(drill.status).toBe(200);
          expect(drill.body.total, `${period} ${r.unit} ${r.categoryCode} ${stat}`).toBe(r[key]);
          expect(drill.body.items).toHaveLength(r[key] as number);
          expect(drill.body.items.every((i: { categoryCode: string }) => i.categoryCode === r.categoryCode)).toBe(true);
        }
      }
    }
    const dec = await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&statUnit=${JUNSHAN_CODE}&statCategory=06010&${DEC}`);
    expect(dec.body.total).toBe(0);
    const other = await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&statUnit=${JUNSHAN_CODE}&statCategory=06011&${DEC}`);
    expect(other.body.total).toBe(1);
    // a department has no category rows; a malformed code is named
    const byDept = await get(viewer.token, `/api/v1/admin/tickets?stat=resolvedCount&statUnit=${dept.id}&statCategory=06010&${NOV}`);
    expect([byDept.status, byDept.body.error.details[0].field]).toEqual([400, 'statCategory']);
    const bad = await get(viewer.token, `/api/v1/admin/tickets?stat=reportedCount&statCategory=6010&${NOV}`);
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringContaining('问题类型编码')]);
    // the district dispatcher's 全市 is their district
    const mine = await get(junshanDispatcher.token, `/api/v1/admin/tickets?stat=reportedCount&statCategory=06010&${NOV}`);
    expect(mine.body.total).toBe(3);
  });

  it('weights are versioned by month: only admins save them, a month uses the version in force', async () => {
    const before = await get(viewer.token, '/api/v1/admin/stats/weights?month=2026-11');
    expect(before.body.current.effectiveFrom).toBe('default');
    const body = {
      effectiveFrom: '2026-12',
      terms: [
        { indicator: 'handleRate', weight: 50, invert: false },
        { indicator: 'reworkRate', weight: 50, invert: true },
      ],
      bands: [
        { grade: '优秀', min: 95, color: '#389e0d' },
        { grade: '良好', min: 85, color: '#1677ff' },
        { grade: '合格', min: 70, color: '#d48806' },
        { grade: '不合格', min: 0, color: '#cf1322' },
      ],
    };
    expect((await t.request('PUT', '/api/v1/admin/stats/weights', { token: viewer.token, body })).status).toBe(403);
    const badBands = { ...body, bands: body.bands.map((b) => (b.grade === '良好' ? { ...b, min: 99 } : b)) };
    expect((await t.request('PUT', '/api/v1/admin/stats/weights', { token: admin.token, body: badBands })).status).toBe(400);
    const saved = await t.request('PUT', '/api/v1/admin/stats/weights', { token: admin.token, body });
    expect(saved.status).toBe(200);
    expect(saved.body.effectiveFrom).toBe('2026-12');
    const nov = await get(viewer.token, `/api/v1/admin/stats/assessment?${NOV}`);
    expect(nov.body.weightsVersion).toBe('default');
    const dec = await get(viewer.token, '/api/v1/admin/stats/assessment?from=2026-12-01&to=2026-12-31');
    expect(dec.body.weightsVersion).toBe('2026-12');
    expect(dec.body.scoreFormula).toContain('处置率×50');
    const w = await get(viewer.token, '/api/v1/admin/stats/weights?month=2027-01');
    expect(w.body.current.effectiveFrom).toBe('2026-12');
  });
});
