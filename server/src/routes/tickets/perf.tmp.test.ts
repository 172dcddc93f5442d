import { Types } from 'mongoose';
import { it } from 'vitest';
import { startTestServer } from '../../testing/harness.js';
import { fileReport, JUNSHAN, JUNSHAN_CODE, makeCitizen, makeStaff } from './testing.js';

it('perf', async () => {
  const t = await startTestServer();
  const c = await makeCitizen(t);
  const admin = await makeStaff(t, ['admin']);
  const disp = await makeStaff(t, ['dispatcher'], { districtCodes: [JUNSHAN_CODE] });
  const states = ['submitted', 'accepted', 'dispatched', 'resolved', 'closed', 'rejected'];
  const codes = ['430602', '430603', '430611', '430621'];
  const docs = [];
  const now = Date.now();
  for (let i = 0; i < 2000; i++) {
    const at = new Date(now - i * 600_000);
    docs.push({
      _id: new Types.ObjectId(), trackingNo: `YY20261127-${String(i + 1).padStart(6, '0')}`, status: states[i % 6], version: 3,
      categoryCode: '06010', categoryName: '暴露垃圾', slaHours: 7, description: '路边有一堆暴露垃圾'.repeat(5),
      location: { lat: JUNSHAN.lat + (i % 50) * 0.001, lng: JUNSHAN.lng + Math.floor(i / 50) * 0.001 }, address: '某路',
      photoIds: [], afterPhotoIds: [], reporter: { citizenId: c.id, anonymous: false, phone: '13812341234' },
      routing: { districtCode: codes[i % 4], districtName: 'x', reason: 'r' }, assignedDepartmentId: null, dueAt: new Date(at.getTime() + 86_400_000),
      reworkCount: 0, timeline: Array.from({ length: 5 }, () => ({ type: 'noted', at, actor: { kind: 'staff', id: 'a', name: 'n', label: 'l' }, note: '备注'.repeat(20) })),
      outbox: [], createdAt: at, updatedAt: at,
    });
  }
  let s = performance.now();
  for (let i = 0; i < docs.length; i += 200) await t.deps.models.Ticket.insertMany(docs.slice(i, i + 200), { lean: true });
  console.log('insert 2000 ms', Math.round(performance.now() - s));
  const time = async (label: string, f: () => Promise<unknown>, n = 5) => {
    await f();
    const ts: number[] = [];
    for (let i = 0; i < n; i++) { const a = performance.now(); await f(); ts.push(performance.now() - a); }
    ts.sort((a, b) => a - b);
    console.log(label, 'median ms', Math.round(ts[Math.floor(n / 2)]!), 'max', Math.round(ts[n - 1]!));
  };
  await time('admin list p1 (all, counts)', () => t.request('GET', '/api/v1/admin/tickets?pageSize=20', { token: admin.token }));
  await time('dispatcher list p1 (one district)', () => t.request('GET', '/api/v1/admin/tickets?pageSize=20', { token: disp.token }));
  await time('admin list status=submitted page 10', () => t.request('GET', '/api/v1/admin/tickets?status=submitted&page=10&pageSize=20', { token: admin.token }));
  await time('admin list q search', () => t.request('GET', '/api/v1/admin/tickets?q=' + encodeURIComponent('某路'), { token: admin.token }));
  const id = String(docs[7]!._id);
  await time('detail', () => t.request('GET', `/api/v1/admin/tickets/${id}`, { token: admin.token }));
  await time('mine p1', () => t.request('GET', '/api/v1/reports/mine', { token: c.token }));
  await time('file report (dup scan)', () => fileReport(t, c.token));
  await t.close();
}, 300_000);
