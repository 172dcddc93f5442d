import { it } from 'vitest';
import { startTestServer } from '../../testing/harness.js';

it('perf2', async () => {
  const t = await startTestServer({ seed: false });
  const db = t.deps.connection.db!;
  const small = db.collection('small');
  const big = db.collection('big');
  const mk = (i: number, bigDoc: boolean) => ({
    trackingNo: `YY20261127-${i}`, status: ['submitted', 'accepted', 'closed'][i % 3], categoryCode: '06010', categoryName: '暴露垃圾',
    description: '路边有一堆暴露垃圾'.repeat(5), districtCode: '4306' + (i % 4), createdAt: new Date(Date.now() - i * 1000), dueAt: new Date(),
    ...(bigDoc ? { timeline: Array.from({ length: 5 }, () => ({ type: 'noted', at: new Date(), actor: { kind: 'staff', id: 'a', name: 'n' }, note: '备注'.repeat(20) })) } : {}),
  });
  await small.insertMany(Array.from({ length: 2000 }, (_, i) => mk(i, false)));
  await big.insertMany(Array.from({ length: 2000 }, (_, i) => mk(i, true)));
  const time = async (label: string, f: () => Promise<unknown>) => { const a = performance.now(); await f(); console.log(label, Math.round(performance.now() - a)); };
  await time('small find all', () => small.find({}).toArray());
  await time('small find all projected', () => small.find({}, { projection: { status: 1, dueAt: 1 } }).toArray());
  await time('small filter+sort+limit', () => small.find({ status: 'submitted' }).sort({ createdAt: -1 }).skip(100).limit(20).toArray());
  await time('small count', () => small.countDocuments({ status: 'submitted' }));
  await time('big find all', () => big.find({}).toArray());
  await time('big find projected', () => big.find({}, { projection: { status: 1, dueAt: 1 } }).toArray());
  await time('big filter+sort+limit', () => big.find({ status: 'submitted' }, { projection: { timeline: 0 } }).sort({ createdAt: -1 }).skip(100).limit(20).toArray());
  await time('big count', () => big.countDocuments({ status: 'submitted' }));
  await t.close();
}, 300_000);
