import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createModels } from '../models/index.js';
import { ensureGinTwins, ginFields, ginIndexName } from './postgres-gin-indexes.js';

const postgresUrl = inject('postgresUrl');

// A queue-shaped probe: an equality index, a compound one with a dotted path, documents enough that a
// sequential scan is not the cheapest plan by accident of size.
const probeSchema = new mongoose.Schema({ citizenId: String, status: String, routing: { districtCode: String }, dueAt: Date });
probeSchema.index({ citizenId: 1 });
probeSchema.index({ 'routing.districtCode': 1, status: 1, dueAt: 1 });

describe.skipIf(!postgresUrl)('GIN twins on the embedded PostgreSQL', () => {
  let conn: mongoose.Connection;
  let client: pg.Client;
  let Probe: mongoose.Model<any>;
  let table = '';
  const dbName = `t_gin_${randomBytes(4).toString('hex')}`;
  const plan = async (field: string, value: unknown) => {
    // exactly the statement shape FerretDB's pushdown sends (internal/backends/postgresql/query.go), as a custom plan
    const r = await client.query(`EXPLAIN SELECT _jsonb FROM ${dbName}.${client.escapeIdentifier(table)} WHERE _jsonb->$1 @> $2`, [field, JSON.stringify(value)]);
    return r.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  };

  beforeAll(async () => {
    conn = await mongoose.createConnection(inject('mongoUri'), { dbName }).asPromise();
    Probe = conn.model('GinProbe', probeSchema, 'gin_probes');
    client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  it('takes _id and the top-level segment of every declared index key, but no date (dates are only sorted)', () => {
    expect(ginFields([probeSchema])).toEqual(['_id', 'citizenId', 'routing', 'status']);
    expect(ginIndexName('gin_probes_ac7f2c2d', 'citizenId').length).toBeLessThanOrEqual(63);
  });

  it('creates a GIN index per field for every model (collections created first), and nothing on a second run', async () => {
    const models = [...Object.values(createModels(conn)), Probe] as mongoose.Model<any>[];
    await Promise.all(models.map((m) => m.init()));
    const first = await ensureGinTwins(postgresUrl, conn, models);
    expect(first.created).toEqual(expect.arrayContaining(['gin_probes._id', 'gin_probes.citizenId', 'gin_probes.routing', 'gin_probes.status']));
    expect(first.created).not.toContain('gin_probes.dueAt');
    // every model's collection got at least its _id twin, even those without documents or declared indexes
    for (const m of models) expect(first.created).toContain(`${m.collection.collectionName}._id`);
    const again = await ensureGinTwins(postgresUrl, conn, models);
    expect(again.created).toEqual([]);
    expect(again.existing).toBe(first.created.length);

    const gin = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gin%'`,
      [dbName],
    );
    expect(gin.rowCount).toBe(first.created.length);
    const meta = await client.query<{ tbl: string }>(`SELECT _jsonb->>'table' AS tbl FROM ${dbName}._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'gin_probes'`);
    table = meta.rows[0]!.tbl;
    expect(gin.rows.find((r) => r.indexname === ginIndexName(table, 'citizenId'))?.indexdef).toContain(`(_jsonb -> 'citizenId'::text)`);
  });

  it('serves find({_id}) and an indexed equality with a Bitmap Index Scan on the GIN twin, not a Seq Scan', async () => {
    expect(table).not.toBe('');
    const docs = Array.from({ length: 5000 }, (_, i) => ({
      citizenId: `c${i % 1000}`,
      status: i % 10 === 0 ? 'dispatched' : 'closed',
      routing: { districtCode: `43060${i % 9}` },
      dueAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    }));
    await Probe.collection.insertMany(docs);
    await client.query(`ANALYZE ${dbName}.${client.escapeIdentifier(table)}`);
    const one = (await Probe.collection.findOne({ citizenId: 'c7' }))!;

    const byId = await plan('_id', one._id.toHexString());
    expect(byId).toContain(`Bitmap Index Scan on ${ginIndexName(table, '_id')}`);
    expect(byId).not.toContain('Seq Scan');
    const byCitizen = await plan('citizenId', 'c7');
    expect(byCitizen).toContain(`Bitmap Index Scan on "${ginIndexName(table, 'citizenId')}"`);
    expect(byCitizen).not.toContain('Seq Scan');

    // and through FerretDB itself: its explain is PostgreSQL's plan of the query it actually runs
    const viaFerret = JSON.stringify(await Probe.collection.find({ _id: one._id }).explain());
    expect(viaFerret).toContain('"filterPushdown":true');
    expect(viaFerret).toContain(`"Index Name":"${ginIndexName(table, '_id')}"`);
    expect(JSON.stringify(await Probe.collection.find({ citizenId: 'c7' }).explain())).toContain(ginIndexName(table, 'citizenId'));
    expect(await Probe.collection.countDocuments({ citizenId: 'c7' })).toBe(5);
    // FerretDB's statements are cached prepared ones: only custom plans can match the field parameter to the twin
    expect((await client.query('SHOW plan_cache_mode')).rows[0]).toEqual({ plan_cache_mode: 'force_custom_plan' });
  });
});
