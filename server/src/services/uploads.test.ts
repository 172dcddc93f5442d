import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { processImage, type ProcessedImage } from '../domain/images/process.js';
import { saveUpload } from '../commands/uploads/save-upload.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { attachUploads, getUploadRefs, uploadRef, validateUploadsOwned } from './uploads.js';

const alice = { kind: 'citizen' as const, id: 'cit-alice' };
const bob = { kind: 'citizen' as const, id: 'cit-bob' };
const staff1 = { kind: 'staff' as const, id: 'staff-1' };
const staff2 = { kind: 'staff' as const, id: 'staff-2' };

async function codeAndDetails(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as { status: number; code: string; details: Array<{ field: string; message: string }> };
    return { status: e.status, code: e.code, details: e.details };
  }
  throw new Error('expected a rejection');
}

describe('services/uploads', () => {
  let t: TestServer;
  let image: ProcessedImage;
  const make = async (owner: { kind: 'citizen' | 'staff'; id: string }) => String((await saveUpload(t.deps, owner, image))._id);

  beforeAll(async () => {
    t = await startTestServer({ seed: false });
    image = await processImage(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } }).jpeg().toBuffer());
  });
  afterAll(async () => t?.close());

  it('uploadRef and getUploadRefs shape refs in the order asked, skipping unknown ids', async () => {
    const a = await make(alice);
    const b = await make(alice);
    expect(uploadRef({ _id: a, width: 64, height: 48 })).toEqual({ id: a, url: `/api/v1/files/${a}`, thumbnailUrl: `/api/v1/files/${a}/thumb`, width: 64, height: 48 });
    const refs = await getUploadRefs(t.deps, [b, 'f'.repeat(32), a, 'junk']);
    expect(refs.map((r) => r.id)).toEqual([b, a]);
  });

  it('validateUploadsOwned: someone else\'s, unknown, malformed and repeated ids → 422 invalid_upload naming each index; nothing changes', async () => {
    const mine = await make(alice);
    const bobs = await make(bob);
    const e = await codeAndDetails(validateUploadsOwned(t.deps, [mine, bobs, 'a'.repeat(32), '../x', mine], alice, 'photoIds'));
    expect(e.status).toBe(422);
    expect(e.code).toBe('invalid_upload');
    expect(e.details.map((d) => d.field)).toEqual(['photoIds[1]', 'photoIds[2]', 'photoIds[3]', 'photoIds[4]']);
    // another user's upload looks exactly like a missing one
    expect(e.details[0]!.message).toBe(e.details[1]!.message);
    expect((await t.deps.models.Upload.findById(mine).lean())!.attachedTo).toBeNull();
    expect(await validateUploadsOwned(t.deps, [mine], alice)).toHaveLength(1);
    expect(await validateUploadsOwned(t.deps, [], alice)).toEqual([]);
  });

  it('staff uploads belong to the staff user who made them, not to staff in general', async () => {
    const s1 = await make(staff1);
    const e = await codeAndDetails(attachUploads(t.deps, [s1], staff2, { kind: 'ticket', id: 'T1' }, 'photoIds'));
    expect(e.details).toEqual([{ field: 'photoIds[0]', message: expect.any(String) }]);
    // same id from a citizen with the same user id string: different kind, still refused
    const e2 = await codeAndDetails(attachUploads(t.deps, [s1], { kind: 'citizen', id: 'staff-1' }, { kind: 'ticket', id: 'T1' }));
    expect(e2.code).toBe('invalid_upload');
    const ok = await attachUploads(t.deps, [s1], staff1, { kind: 'ticket', id: 'T1' }, 'resolution.photoIds');
    expect(ok.map((r) => r.id)).toEqual([s1]);
  });

  it('attach marks uploads, is idempotent for the same target, and refuses another target', async () => {
    const ids = [await make(alice), await make(alice)];
    const target = { kind: 'ticket', id: 'T-100' };
    const refs = await attachUploads(t.deps, ids, alice, target);
    expect(refs.map((r) => r.id)).toEqual(ids);
    const doc = await t.deps.models.Upload.findById(ids[0]).lean();
    expect(doc!.attachedTo).toEqual(target);
    expect(doc!.attachedAt).toBeInstanceOf(Date);
    // retry (e.g. the caller crashed after attaching): same result, no error
    expect((await attachUploads(t.deps, ids, alice, target)).map((r) => r.id)).toEqual(ids);
    expect(await validateUploadsOwned(t.deps, ids, alice, 'photoIds', target)).toHaveLength(2);
    const e = await codeAndDetails(attachUploads(t.deps, [ids[1]!], alice, { kind: 'ticket', id: 'T-200' }));
    expect(e.details).toEqual([{ field: 'photoIds[0]', message: '照片已被其他记录使用，请重新上传' }]);
    const e2 = await codeAndDetails(validateUploadsOwned(t.deps, ids, alice));
    expect(e2.details.map((d) => d.field)).toEqual(['photoIds[0]', 'photoIds[1]']);
  });

  it('concurrent attaches of the same uploads to different targets: exactly one wins, the losers keep nothing', async () => {
    for (let round = 0; round < 8; round++) {
      const ids = [await make(alice), await make(alice), await make(alice)];
      const targets = [
        { kind: 'ticket', id: `RA-${round}` },
        { kind: 'complaint', id: `RB-${round}` },
        { kind: 'ticket', id: `RC-${round}` },
      ];
      // callers list the ids in different orders: claiming in sorted order still makes them collide
      const orders = [ids, [...ids].reverse(), [ids[1]!, ids[2]!, ids[0]!]];
      const results = await Promise.allSettled(targets.map((tg, k) => attachUploads(t.deps, orders[k]!, alice, tg)));
      const won = results.flatMap((r, k) => (r.status === 'fulfilled' ? [targets[k]!] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('invalid_upload');
      const docs = await Promise.all(ids.map((id) => t.deps.models.Upload.findById(id).lean()));
      for (const d of docs) expect(d!.attachedTo).toEqual(won[0]);
      const claims = await Promise.all(ids.map((id) => t.deps.models.UploadClaim.findById(id).lean()));
      for (const c of claims) expect(c).toMatchObject({ targetKind: won[0]!.kind, targetId: won[0]!.id });
    }
  });

  it('a partly conflicting set: the loser releases the claims it had already made', async () => {
    const [lo, hi] = [await make(alice), await make(alice)].sort() as [string, string];
    // someone else holds the claim on the id claimed last, but has not marked the upload yet (crash window)
    await t.deps.models.UploadClaim.create({ _id: hi, targetKind: 'ticket', targetId: 'OTHER', at: new Date() });
    const e = await codeAndDetails(attachUploads(t.deps, [lo, hi], alice, { kind: 'ticket', id: 'MINE' }));
    expect(e.details).toEqual([{ field: 'photoIds[1]', message: '照片已被其他记录使用，请重新上传' }]);
    expect(await t.deps.models.UploadClaim.findById(lo).lean()).toBeNull();
    expect((await t.deps.models.Upload.findById(lo).lean())!.attachedTo).toBeNull();
    // and lo is free for the next caller
    expect(await attachUploads(t.deps, [lo], alice, { kind: 'ticket', id: 'MINE' })).toHaveLength(1);
  });

  it('a retry repairs an attach that crashed between claiming and marking', async () => {
    const id = await make(alice);
    await t.deps.models.UploadClaim.create({ _id: id, targetKind: 'ticket', targetId: 'T-crash', at: new Date() });
    await attachUploads(t.deps, [id], alice, { kind: 'ticket', id: 'T-crash' });
    expect((await t.deps.models.Upload.findById(id).lean())!.attachedTo).toEqual({ kind: 'ticket', id: 'T-crash' });
  });
});
