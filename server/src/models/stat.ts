import { Schema } from 'mongoose';

/**
 * The assessment statistics (考核), kept as pre-aggregated rows (commands/stats/):
 *
 * - stat_facts: what one ticket (or 信访 case) contributes to one day × district × department: its raw
 *   counters (shared/stats/counters.ts) and the events behind them. _id = `<src>:<id>|<day>|<district>|<dept>`,
 *   derived from the source's own history, so writing the same facts twice changes nothing (exactly once
 *   without $inc). Rewritten from the source after every change of it.
 * - stat_days: the sum of the facts of one day × district (one row, broken down by zone, department and
 *   category), recounted from its facts under a lease when marked dirty.
 * - stat_months: the sum of a month's day rows of one district, recounted the same way. A year over all
 *   districts is 12 equality reads of these.
 * - stat_dirty / stat_leases: the dirty-marker protocol (db/dirty-markers.ts) and its recount leases.
 * - stat_weights: the 综合指标值 weights, one version per month it applies from.
 */

const counters = { type: Schema.Types.Mixed, default: {} };

export const statFactSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `t:<ticketId>` or `c:<complaintId>` */
    src: { type: String, required: true },
    day: { type: String, required: true },
    month: { type: String, required: true },
    /** `<day>|<district>`: the day row it sums into */
    bucket: { type: String, required: true },
    /** `<day>|<department>`: drill-down by department */
    deptBucket: { type: String, default: null },
    district: { type: String, required: true },
    zone: { type: String, default: null },
    dept: { type: String, default: null },
    cat: { type: String, required: true },
    catName: { type: String, default: '' },
    /** raw counters, sparse: {resolved: 1, resolvedOnTime: 1, handlingHours: 3.5} */
    c: counters,
    /** the ticket's row id for the drill-down list (tickets) or the case id (信访) */
    ref: { type: String, required: true },
    /** the events behind the counters, for the drill-down list: [{k: counter, at}] */
    ev: { type: [new Schema({ k: String, at: Date }, { _id: false })], default: [] },
  },
  { collection: 'stat_facts', versionKey: false },
);
statFactSchema.index({ src: 1 });
statFactSchema.index({ bucket: 1 });
statFactSchema.index({ deptBucket: 1 });
statFactSchema.index({ day: 1 });

/** Shared shape of a day row and a month row. */
function periodRowSchema(collection: string) {
  const s = new Schema(
    {
      _id: { type: String, required: true },
      /** 'YYYY-MM-DD' (day rows) or 'YYYY-MM' (month rows) */
      period: { type: String, required: true },
      month: { type: String, required: true },
      /** `<month>|<district>` (day rows: the month row they sum into) */
      monthKey: { type: String, required: true },
      district: { type: String, required: true },
      /** the row's sums {total, byZone, byDept, byCat} as one JSON string (packSums below says why) */
      sums: { type: String, required: true },
      countedAt: { type: Date, required: true },
    },
    { collection, versionKey: false },
  );
  s.index({ period: 1 });
  s.index({ monthKey: 1 });
  s.index({ month: 1 });
  return s;
}
export const statDaySchema = periodRowSchema('stat_days');
export const statMonthSchema = periodRowSchema('stat_months');

export const statDirtySchema = new Schema(
  {
    _id: { type: String, required: true },
    /** `d:<day>|<district>` or `m:<month>|<district>` */
    bucket: { type: String, required: true },
    month: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'stat_dirty', versionKey: false },
);
statDirtySchema.index({ month: 1 });
statDirtySchema.index({ bucket: 1 });

export const statLeaseSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'stat_leases', versionKey: false },
);

const termSchema = new Schema({ indicator: String, weight: Number, invert: Boolean }, { _id: false });
const bandSchema = new Schema({ grade: String, min: Number, color: String }, { _id: false });
export const statWeightsSchema = new Schema(
  {
    /** the month it applies from, 'YYYY-MM' */
    _id: { type: String, required: true },
    terms: { type: [termSchema], default: [] },
    bands: { type: [bandSchema], default: [] },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String },
  },
  { collection: 'stat_weights', versionKey: false },
);

export interface StatFactDoc {
  _id: string;
  src: string;
  day: string;
  month: string;
  bucket: string;
  deptBucket: string | null;
  district: string;
  zone: string | null;
  dept: string | null;
  cat: string;
  catName: string;
  c: Record<string, number>;
  ref: string;
  ev: { k: string; at: Date }[];
}

export interface StatCell {
  k: string;
  name?: string;
  c: Record<string, number>;
}
export interface StatPeriodRowDoc {
  _id: string;
  period: string;
  month: string;
  monthKey: string;
  district: string;
  total: Record<string, number>;
  byZone: StatCell[];
  byDept: StatCell[];
  byCat: StatCell[];
  countedAt: Date;
}

/** What a day or month row sums: the district's counters, broken down by zone, department and category. */
export type PeriodSums = Pick<StatPeriodRowDoc, 'total' | 'byZone' | 'byDept' | 'byCat'>;

/** A period row as stored: `sums` packed; rows written before packing hold the four fields instead. */
export type StoredPeriodRow = Omit<StatPeriodRowDoc, keyof PeriodSums> & { sums?: string } & Partial<PeriodSums>;

/**
 * The sums of a row are stored as one JSON string, not as nested documents. FerretDB v1 converts every
 * nested field between its PostgreSQL JSONB and BSON on each read: a month's nine district rows (≈100
 * cells each, 4–8 kB) took 45–55 ms to read as documents and 6 ms as strings at 200,000 tickets, and a
 * year reads twelve months. The cells are only ever summed in Node, never queried, so nothing is lost on
 * MongoDB either.
 */
export function packSums(s: PeriodSums): string {
  return JSON.stringify({ total: s.total, byZone: s.byZone, byDept: s.byDept, byCat: s.byCat });
}

/** The row with its sums, from either stored form. */
export function unpackRow<R extends Partial<StoredPeriodRow>>(r: R): Omit<R, 'sums'> & PeriodSums {
  const { sums, ...rest } = r;
  const parsed: Partial<PeriodSums> = typeof sums === 'string' ? (JSON.parse(sums) as PeriodSums) : r;
  return { ...rest, total: parsed.total ?? {}, byZone: parsed.byZone ?? [], byDept: parsed.byDept ?? [], byCat: parsed.byCat ?? [] };
}

/** Projection of a period row's sums in both stored forms. */
export const SUMS_PROJECTION = { sums: 1, total: 1, byZone: 1, byDept: 1, byCat: 1 } as const;
