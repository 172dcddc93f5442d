import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';
import type { QueueRow } from '../tickets/queue.js';
import { rowsOf, type DrillEvent } from './drill.js';
import { DrillRowReader } from './drill-rows.js';

/**
 * The export's row reader gives exactly the rows reads by id give, and reads a district × month once it
 * has met enough of its events instead of one command per ticket; an event dated in another month than
 * its ticket's filing still finds its row (by id).
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { REPORTS_PER_HOUR_PER_RESIDENT: '1000', REPORTS_PER_HOUR_PER_IP: '1000' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('DrillRowReader', () => {
  it('reads by district × month after 40 events of it, by id before and for the rest; same rows either way', async () => {
    const c = await makeCitizen(t);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await fileReport(t, c.token, { description: `导出行 ${i}` })).body.id);
    const rows = await Promise.all(ids.map((id) => t.deps.models.TicketRow.findById(id).lean<QueueRow>()));
    const events: DrillEvent[] = rows.map((r) => ({ ref: String(r!._id), k: 'reported', at: r!.createdAt, district: r!.districtCode }));
    // a later event of the first ticket, dated two months on: its district × month holds no such row
    events.push({ ref: ids[0]!, k: 'closed', at: new Date(rows[0]!.createdAt.getTime() + 62 * 86_400_000), district: rows[0]!.districtCode });

    const model = t.deps.models.TicketRow;
    const findById = model.findById.bind(model);
    let byId = 0;
    (model as { findById: unknown }).findById = (...args: Parameters<typeof findById>) => (byId++, findById(...args));
    try {
      const reader = new DrillRowReader(t.deps);
      const first = await reader.rowsFor(events.slice(0, 30));
      expect(byId).toBe(30); // fewer than 40 events met: by id
      byId = 0;
      const second = await reader.rowsFor(events.slice(30));
      expect(byId).toBe(1); // the group was read; only the event of another month went by id
      const want = await rowsOf(t.deps, events);
      const got = new Map([...first, ...second]);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [id, row] of want) expect(got.get(id)).toEqual(row);
    } finally {
      (model as { findById: unknown }).findById = findById;
    }
  });
});
