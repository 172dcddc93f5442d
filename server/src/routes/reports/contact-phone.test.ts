import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_MESSAGES } from '@cgt/shared/format/phone';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { fileReport, makeCitizen } from '../../testing/tickets.js';

/** The contact phone of a report: the residents' rule (mobile or landline with area code), the form's message. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const stored = (trackingNo: string) => t.deps.connection.db!.collection('tickets').findOne({ trackingNo });

describe('contact phone of a report', () => {
  it.each([
    ['0730-8123456', '07308123456'],
    ['07308123456', '07308123456'],
    ['+86 138 1234 5678', '13812345678'],
  ])('%s files a ticket (201) and is kept as %s', async (typed, kept) => {
    const c = await makeCitizen(t);
    const res = await fileReport(t, c.token, { contactPhone: typed });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await stored(res.body.trackingNo))!.reporter.phone).toBe(kept);
  });

  it('a malformed number is refused with the message the 随手拍 form shows', async () => {
    const c = await makeCitizen(t);
    const res = await fileReport(t, c.token, { contactPhone: '0730-12' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(PHONE_MESSAGES.contactInvalid);
  });
});
