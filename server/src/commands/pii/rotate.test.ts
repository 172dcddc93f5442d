import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@cgt/shared/complaint/id-number';
import { derivePiiKeys, encryptPii, kidOf, piiIndex } from '../../domain/complaints/pii.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { startTestServer, type TestServer } from '../../testing/harness.js';
import { checkPiiKeys, kidsInUse, PiiKeyError, revealIdNumber } from '../../services/pii-keys.js';
import { complaintBody, ID_A, ID_B, makeOfficer } from '../../testing/complaints.js';
import { syncComplaintProjections } from '../complaints/projections.js';
import { migrateLegacyPii } from './migrate-legacy.js';
import { rotatePii } from './rotate.js';

/**
 * The ID-number key is PII_KEY, not JWT_SECRET; rotation re-encrypts under a new key in pages while search
 * by ID number keeps finding every case; a stored key id without a key stops the start; data encrypted under
 * the JWT-derived key of before is migrated, not lost.
 */

let t: TestServer;
let officer: { token: string };
const KEY_A = randomBytes(32).toString('hex');
const KEY_B = randomBytes(32).toString('hex');

beforeAll(async () => {
  t = await startTestServer({ env: { PII_KEY: KEY_A } });
  officer = await makeOfficer(t);
  // as start-up does: the one-time migration of older data finds none and stamps itself done
  expect((await migrateLegacyPii(t.deps)).resealed).toBe(0);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const stored = () => t.deps.connection.db!.collection<ComplaintRecord>('complaints');
const register = (idNumber: string) =>
  t.request('POST', '/api/v1/admin/complaints', { token: officer.token, body: { ...complaintBody({ petitioner: { ...complaintBody().petitioner, idNumber } }), channel: 'phone' } });
const search = async (idNumber: string) => {
  const r = await t.request('POST', '/api/v1/admin/complaints/search', { token: officer.token, body: { idNumber, pageSize: 100 } });
  expect(r.status).toBe(200);
  return (r.body.items as { id: string }[]).map((i) => i.id).sort();
};
const revealed = async (id: string) => (await t.request('POST', `/api/v1/admin/complaints/${id}/reveal-id`, { token: officer.token })).body.idNumber as string | undefined;

describe('the ID-number key', () => {
  it('a new JWT_SECRET leaves every ID number readable and searchable', async () => {
    const c = await register(ID_A);
    expect(c.status).toBe(201);
    const doc = await stored().findOne({ _id: new Types.ObjectId(c.body.id as string) });
    expect(doc!.piiKid).toBe(derivePiiKeys(KEY_A).kid);
    expect(kidOf(doc!.petitioner.idNumberEnc)).toBe(derivePiiKeys(KEY_A).kid);
    // the blind index is not derivable from the JWT secret either
    expect(doc!.petitioner.idNumberHash).not.toBe(piiIndex(derivePiiKeys(t.deps.config.JWT_SECRET), ID_A));
    const jwt = t.deps.config.JWT_SECRET;
    t.deps.config.JWT_SECRET = randomBytes(32).toString('hex');
    try {
      officer = await makeOfficer(t);
      expect(await search(ID_A)).toContain(c.body.id);
      expect(await revealed(c.body.id as string)).toBe(ID_A);
    } finally {
      t.deps.config.JWT_SECRET = jwt;
      officer = await makeOfficer(t);
    }
  });

  it('rotation re-encrypts every value under the new key, page by page, and search works before, during and after', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await register(i % 2 ? ID_A : ID_B)).body.id as string);
    const beforeA = await search(ID_A);
    const beforeB = await search(ID_B);
    const hashes = new Map((await stored().find({}).toArray()).map((d) => [String(d._id), d.petitioner.idNumberHash]));
    Object.assign(t.deps.config, { PII_KEY: KEY_B, PII_KEYS_OLD: [KEY_A] });
    // new key configured, nothing rotated yet: the old values still read and are found
    expect(await search(ID_A)).toEqual(beforeA);
    expect(await revealed(ids[0]!)).toBe(ID_B);
    expect((await checkPiiKeys(t.deps)).pending).toEqual([derivePiiKeys(KEY_A).kid]);
    const log: string[] = [];
    const r = await rotatePii(t.deps, { pageSize: 2, log: (m) => log.push(m) });
    expect(r.resealed).toBe(beforeA.length + beforeB.length);
    expect(log.filter((l) => l.includes('re-encrypted so far')).length).toBeGreaterThanOrEqual(3); // pages of 2
    expect(r.retired).toEqual([derivePiiKeys(KEY_A).kid]);
    expect(r.indexRewrapped).toBe(true);
    for (const d of await stored().find({}).toArray()) {
      expect(d.piiKid).toBe(derivePiiKeys(KEY_B).kid);
      expect(kidOf(d.petitioner.idNumberEnc)).toBe(derivePiiKeys(KEY_B).kid);
      expect(d.petitioner.idNumberHash).toBe(hashes.get(String(d._id)));
    }
    expect(await kidsInUse(t.deps)).toEqual([derivePiiKeys(KEY_B).kid]);
    // the old key may go now: everything still reads and is found
    t.deps.config.PII_KEYS_OLD = [];
    expect((await checkPiiKeys(t.deps)).pending).toEqual([]);
    expect(await search(ID_A)).toEqual(beforeA);
    expect(await search(ID_B)).toEqual(beforeB);
    for (const id of ids) expect(await revealed(id)).toMatch(/^\d{17}[\dX]$/);
    // a second run has nothing to do
    expect((await rotatePii(t.deps)).resealed).toBe(0);
  });

  it('start-up refuses, loudly, when stored values are under a key that is not configured', async () => {
    const good = { PII_KEY: t.deps.config.PII_KEY, PII_KEYS_OLD: t.deps.config.PII_KEYS_OLD };
    Object.assign(t.deps.config, { PII_KEY: randomBytes(32).toString('hex'), PII_KEYS_OLD: [] });
    try {
      const err = await checkPiiKeys(t.deps).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PiiKeyError);
      expect((err as Error).message).toContain(derivePiiKeys(KEY_B).kid);
      expect((err as Error).message).toMatch(/拒绝启动/);
    } finally {
      Object.assign(t.deps.config, good);
      // the refused start left nothing behind: the right key starts again
      expect((await checkPiiKeys(t.deps)).pending).toEqual([]);
    }
  });

  it('ID numbers of before PII_KEY (under the key derived from JWT_SECRET, no piiKid) are migrated, found and readable', async () => {
    const legacy = derivePiiKeys(t.deps.config.JWT_SECRET);
    const id = new Types.ObjectId();
    const at = new Date();
    const doc = {
      _id: id,
      caseNo: 'YYXF2026-777001',
      status: 'registered',
      version: 0,
      channel: 'phone',
      type: 'appeal',
      citizenId: null,
      registeredBy: { kind: 'staff', id: 'u1', name: '信访员', label: '信访办' },
      petitioner: { name: '李四', phone: '13900000000', address: '某地', idNumberEnc: encryptPii(legacy, ID_A), idNumberHash: piiIndex(legacy, ID_A), idNumberMasked: maskIdNumber(ID_A) },
      content: '旧数据',
      request: '旧诉求',
      attachmentIds: [],
      registeredAt: at,
      acceptedAt: null,
      concludedAt: null,
      deadlines: { acceptBy: new Date(at.getTime() + 15 * 86400_000), concludeBy: null, reviewRequestBy: null, reviewBy: null, recheckRequestBy: null, recheckBy: null },
      officeDueAt: null,
      repeatOf: [],
      repeatOfIds: [],
      linkedTicketIds: [],
      timeline: [],
      createdAt: at,
      updatedAt: at,
    };
    await stored().insertOne(doc as never);
    await syncComplaintProjections(t.deps, doc as unknown as ComplaintRecord);
    await t.deps.connection.db!.collection('seed_stamps').deleteOne({ _id: 'pii_keys' as never });
    expect(await search(ID_A)).not.toContain(String(id)); // the JWT-derived index: not what search computes
    const r = await migrateLegacyPii(t.deps);
    expect(r.resealed).toBe(1);
    const after = await stored().findOne({ _id: id });
    expect(after!.piiKid).toBe(derivePiiKeys(t.deps.config.PII_KEY).kid);
    expect(kidOf(after!.petitioner.idNumberEnc)).toBe(after!.piiKid);
    expect(await search(ID_A)).toContain(String(id));
    expect(revealIdNumber(t.deps, after!.petitioner.idNumberEnc)).toBe(ID_A);
    // once done, it is not repeated
    expect((await migrateLegacyPii(t.deps)).skipped).toBe(true);
  });
});
