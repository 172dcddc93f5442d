import type { Connection, Model } from 'mongoose';

/**
 * The declared index plan (every model's `schema.indexes()`) and the rule a hot-path query must meet:
 * - it has at least one top-level equality (FerretDB pushes only those down; without one it reads the
 *   whole collection), and the leading field(s) of some declared index are among its equalities (MongoDB
 *   serves it from that index; FerretDB's GIN twins intersect the remaining equalities in PostgreSQL);
 * - every equality field is top level and named in some declared index (so it has a GIN twin);
 * - a sort field is part of the index chosen (MongoDB sorts from the index, FerretDB sorts a small set).
 * Ranges, regexes and `$or` may narrow a covered query further; they never stand alone.
 */

export type IndexPlan = Map<string, string[][]>;

export function declaredPlan(models: Record<string, Model<any>>): IndexPlan {
  const plan: IndexPlan = new Map();
  for (const m of Object.values(models)) {
    const keys = m.schema.indexes().map(([fields]) => Object.keys(fields));
    plan.set(m.collection.collectionName, [['_id'], ...keys]);
  }
  return plan;
}

export interface RecordedQuery {
  collection: string;
  method: string;
  filter: Record<string, unknown>;
  sort?: Record<string, unknown>;
}

function isEquality(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || v instanceof Date || Array.isArray(v)) return true;
  if ((v as { _bsontype?: string })._bsontype) return true; // ObjectId
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$eq';
}

/** Why the query is not covered by the plan, or null when it is. */
export function uncovered(plan: IndexPlan, q: RecordedQuery): string | null {
  const indexes = plan.get(q.collection);
  if (!indexes) return null;
  const eq = Object.entries(q.filter)
    .filter(([k, v]) => !k.startsWith('$') && isEquality(v))
    .map(([k]) => k);
  // one document by its _id: the other conditions are checked on that document only
  if (eq.includes('_id')) return null;
  if (eq.length === 0) return `${q.collection}.${q.method}: no top-level equality in ${JSON.stringify(q.filter)}`;
  const dotted = eq.filter((k) => k.includes('.'));
  if (dotted.length) return `${q.collection}.${q.method}: dotted equality ${dotted.join(', ')} is not pushed down by FerretDB`;
  const named = new Set(indexes.flat());
  const unindexed = eq.filter((k) => !named.has(k));
  if (unindexed.length) return `${q.collection}.${q.method}: equality on unindexed field(s) ${unindexed.join(', ')}`;
  const sortFields = Object.keys(q.sort ?? {}).filter((k) => k !== '_id');
  const fits = indexes.some((ix) => eq.includes(ix[0]!) && sortFields.every((s) => ix.includes(s)));
  if (!fits) {
    return `${q.collection}.${q.method}: no declared index leads with one of {${eq.join(', ')}}${sortFields.length ? ` and holds sort ${sortFields.join(', ')}` : ''}`;
  }
  return null;
}

/**
 * Collections every screen reads at volume: their queries must be covered. (`complaint_open` is not
 * among them on purpose: it holds only the cases the office still owes an answer on and is read whole,
 * see models/complaint-row.ts.)
 */
export const HOT_PATH_COLLECTIONS = new Set(['tickets', 'ticket_queue', 'ticket_rows', 'queue_counts', 'complaints', 'complaint_rows', 'complaint_counts', 'outbox_deliveries', 'subscription_credits', 'open311_rows', 'staff_alerts', 'citizen_months', 'stat_facts', 'stat_days', 'stat_months']);

const READS = new Set(['find', 'findOne', 'countDocuments', 'count', 'findOneAndUpdate', 'updateOne', 'updateMany', 'deleteMany', 'deleteOne', 'replaceOne', 'distinct']);

/**
 * Records every query a connection issues (mongoose's debug hook) and checks the hot-path ones against
 * the plan. Used by the route-test harness: a test file whose routes issue an uncovered query fails.
 */
export function recordQueries(connection: Connection, plan: IndexPlan) {
  const violations = new Set<string>();
  const seen: RecordedQuery[] = [];
  connection.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (!READS.has(method) || !HOT_PATH_COLLECTIONS.has(collection)) return;
    const filter = (args[0] ?? {}) as Record<string, unknown>;
    const opts = (method === 'find' || method === 'findOne' ? args[1] : args[args.length - 1]) as { sort?: Record<string, unknown> } | undefined;
    const q: RecordedQuery = { collection, method, filter, sort: opts && typeof opts === 'object' ? opts.sort : undefined };
    seen.push(q);
    const why = uncovered(plan, q);
    if (why) violations.add(why);
  });
  return { seen, violations: () => [...violations], reset: () => violations.clear() };
}
