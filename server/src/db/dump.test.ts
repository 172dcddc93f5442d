import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DumpError, exportDatabase, importDatabase } from './dump.js';
import { canonical, sampleDocuments } from './dump-fixtures.js';

const { ObjectId } = mongoose.mongo.BSON;

describe('db:export / db:import', () => {
  let client: mongoose.mongo.MongoClient;
  const names = { a: `t_dump_a_${randomBytes(4).toString('hex')}`, b: `t_dump_b_${randomBytes(4).toString('hex')}` };
  beforeAll(async () => {
    client = new mongoose.mongo.MongoClient(inject('mongoUri'));
    await client.connect();
  });
  afterAll(async () => {
    for (const n of Object.values(names)) await client.db(n).dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('round-trips every collection with its BSON types, one canonical EJSON line per document', async () => {
    const src = client.db(names.a);
    const sample = sampleDocuments();
    for (const [name, docs] of Object.entries(sample)) {
      if (docs.length) await src.collection(name).insertMany(docs);
      else await src.createCollection(name);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cgt-dump-'));
    const manifest = await exportDatabase(src, dir, { source: 'test' });
    expect(manifest.collections.map((c) => [c.name, c.count])).toEqual([['move_counters', 1234], ['move_empty', 0], ['move_tickets', 2]]);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'move_counters.ejson', 'move_empty.ejson', 'move_tickets.ejson']);
    const firstLine = readFileSync(path.join(dir, 'move_tickets.ejson'), 'utf8').split('\n')[0]!;
    expect(firstLine).toContain('"$oid"');
    expect(firstLine).toContain('"$date":{"$numberLong"'); // canonical, not relaxed
    expect(firstLine).toContain('"rating":{"$numberDouble":"4.0"}');

    const dst = client.db(names.b);
    expect(await importDatabase(dst, dir)).toEqual({ collections: 3, documents: 1236 });
    for (const name of Object.keys(sample)) expect(await canonical(dst, name)).toEqual(await canonical(src, name));
    const t = await dst.collection('move_tickets').findOne({ trackingNo: 'YY20260101-0001' });
    expect(t?._id).toBeInstanceOf(ObjectId);
    expect(t?.createdAt).toBeInstanceOf(Date);
    expect(t?.routing.reason.hops).toBe(2);
    expect((await dst.listCollections({ name: 'move_empty' }).toArray()).length).toBe(1);

    // a second import into the now non-empty target is refused before anything is written; --drop replaces
    await expect(importDatabase(dst, dir)).rejects.toThrow(DumpError);
    await expect(importDatabase(dst, dir)).rejects.toThrow(/--drop/);
    expect(await dst.collection('move_counters').countDocuments()).toBe(1234);
    await importDatabase(dst, dir, { drop: true });
    expect(await dst.collection('move_tickets').countDocuments()).toBe(2);
    // an export into a folder that already holds one is refused too
    await expect(exportDatabase(src, dir)).rejects.toThrow(/--force/);
    rmSync(dir, { recursive: true, force: true });
  });
});
