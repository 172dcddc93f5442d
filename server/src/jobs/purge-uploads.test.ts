import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { processImage, type ProcessedImage } from '../domain/images/process.js';
import { saveUpload } from '../commands/uploads/save-upload.js';
import { attachUploads } from '../services/uploads.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { purgeUnattachedUploads } from './purge-uploads.js';
import { startScheduler } from './scheduler.js';

const owner = { kind: 'citizen' as const, id: 'cit-purge' };

describe('purgeUnattachedUploads', () => {
  let t: TestServer;
  let now = new Date('2026-11-20T10:00:00Z');
  let image: ProcessedImage;
  const fileOf = async (id: string) => {
    const rel = (await t.deps.models.Upload.findById(id).lean())!.relPath;
    return path.join(t.deps.config.DATA_DIR, 'uploads', rel);
  };

  beforeAll(async () => {
    t = await startTestServer({ seed: false, now: () => now });
    image = await processImage(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } }).jpeg().toBuffer());
  });
  afterAll(async () => t?.close());

  it('deletes files and documents of unattached uploads older than 24 h, and nothing else', async () => {
    const oldLoose = String((await saveUpload(t.deps, owner, image))._id);
    const oldAttached = String((await saveUpload(t.deps, owner, image))._id);
    await attachUploads(t.deps, [oldAttached], owner, { kind: 'ticket', id: 'T1' });
    const oldClaimedNotMarked = String((await saveUpload(t.deps, owner, image))._id);
    await t.deps.models.UploadClaim.create({ _id: oldClaimedNotMarked, targetKind: 'ticket', targetId: 'T2', at: now });
    now = new Date(now.getTime() + 20 * 3600 * 1000);
    const young = String((await saveUpload(t.deps, owner, image))._id);
    const files = { oldLoose: await fileOf(oldLoose), young: await fileOf(young), oldAttached: await fileOf(oldAttached) };
    expect(existsSync(files.oldLoose)).toBe(true);

    // 20 h later: nothing is old enough yet
    expect(await purgeUnattachedUploads(t.deps, { olderThanHours: 24 })).toBe(0);

    now = new Date(now.getTime() + 5 * 3600 * 1000); // 25 h after the first three, 5 h after `young`
    expect(await purgeUnattachedUploads(t.deps, { olderThanHours: 24 })).toBe(1);
    expect(await t.deps.models.Upload.findById(oldLoose).lean()).toBeNull();
    expect(existsSync(files.oldLoose)).toBe(false);
    expect(existsSync(files.oldLoose.replace('.jpg', '_thumb.jpg'))).toBe(false);
    expect(await t.deps.models.UploadClaim.findById(oldLoose).lean()).toBeNull();
    expect(existsSync(files.young)).toBe(true);
    expect(existsSync(files.oldAttached)).toBe(true);
    expect(await t.deps.models.Upload.countDocuments()).toBe(3);
    // the half-finished attach was repaired, not purged
    expect((await t.deps.models.Upload.findById(oldClaimedNotMarked).lean())!.attachedTo).toEqual({ kind: 'ticket', id: 'T2' });

    // an attach arriving after the purge gets invalid_upload, not a dangling reference
    await expect(attachUploads(t.deps, [oldLoose], owner, { kind: 'ticket', id: 'T3' })).rejects.toMatchObject({ code: 'invalid_upload' });

    // two instances purging at once: each upload is deleted once, nothing attached is touched
    now = new Date(now.getTime() + 48 * 3600 * 1000);
    const [a, b] = await Promise.all([purgeUnattachedUploads(t.deps, { olderThanHours: 24 }), purgeUnattachedUploads(t.deps, { olderThanHours: 24 })]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await t.deps.models.Upload.findById(young).lean()).toBeNull();
    expect(existsSync(files.young)).toBe(false);
    expect(await t.deps.models.Upload.countDocuments()).toBe(2);
  });

  it('an attach racing the purge: the upload ends up either attached (and kept) or gone (and the attach refused)', async () => {
    for (let round = 0; round < 10; round++) {
      const id = String((await saveUpload(t.deps, owner, image))._id);
      now = new Date(now.getTime() + 25 * 3600 * 1000);
      const [attach] = await Promise.allSettled([
        attachUploads(t.deps, [id], owner, { kind: 'ticket', id: `R${round}` }),
        purgeUnattachedUploads(t.deps, { olderThanHours: 24 }),
      ]);
      const doc = await t.deps.models.Upload.findById(id).lean();
      if (attach.status === 'fulfilled') {
        expect(doc!.attachedTo).toEqual({ kind: 'ticket', id: `R${round}` });
        expect(existsSync(path.join(t.deps.config.DATA_DIR, 'uploads', doc!.relPath))).toBe(true);
      } else {
        expect(doc).toBeNull();
      }
    }
  });

  it('the scheduler runs jobs with unref\'d timers and stop() waits for a running job', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const s = startScheduler(t.deps, [{ name: 'probe', everyMs: 20, run: async () => { runs++; await gate; } }]);
    await new Promise((r) => setTimeout(r, 80));
    expect(runs).toBe(1); // a job never overlaps itself
    const stopping = s.stop();
    release();
    await stopping;
    const after = runs;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(after);
  });
});

describe('purgeUnattachedUploads over uploads from before pendingDay', () => {
  let t: TestServer;
  let now = new Date('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    t = await startTestServer({ seed: false, now: () => now });
  });
  afterAll(async () => t?.close());

  it('dates them once, purges the stale one, and afterwards reads one day at a time by equality', async () => {
    const raw = t.deps.connection.db!.collection<{ _id: string } & Record<string, unknown>>('uploads');
    const legacy = (id: string, attachedTo: unknown) => ({
      _id: id, ownerKind: 'citizen', ownerId: owner.id, width: 8, height: 8, bytes: 1, thumbBytes: 1, sha256: 'x', originalType: 'image/jpeg',
      relPath: `2026/11/${id}.jpg`, createdAt: new Date(now.getTime() - 3 * 86400_000), attachedTo, attachedAt: null,
    });
    const loose = 'a'.repeat(32);
    const kept = 'b'.repeat(32);
    await raw.insertMany([legacy(loose, null), legacy(kept, { kind: 'ticket', id: 'T9' })]);

    const find = t.deps.models.Upload.find.bind(t.deps.models.Upload);
    const filters: Record<string, unknown>[] = [];
    t.deps.models.Upload.find = ((f: Record<string, unknown>, ...rest: unknown[]) => (filters.push(f), (find as (...a: unknown[]) => unknown)(f, ...rest))) as typeof find;
    try {
      expect(await purgeUnattachedUploads(t.deps, { olderThanHours: 24 })).toBe(1);
      expect(await t.deps.models.Upload.findById(loose).lean()).toBeNull();
      expect(await t.deps.models.Upload.findById(kept).lean()).not.toBeNull();
      expect(filters.filter((f) => 'attachedTo' in f)).toHaveLength(1); // the one-time dating read
      expect(await t.deps.models.SeedStamp.exists({ _id: 'uploads_pending_day' })).toBeTruthy();

      filters.length = 0;
      now = new Date(now.getTime() + 3600_000);
      expect(await purgeUnattachedUploads(t.deps, { olderThanHours: 24 })).toBe(0);
      expect(filters.length).toBeGreaterThan(0);
      for (const f of filters) expect(Object.keys(f)).toEqual(['pendingDay']);
    } finally {
      t.deps.models.Upload.find = find;
    }
  });
});
