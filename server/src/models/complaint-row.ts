import { Schema, type Types } from 'mongoose';
import type { ComplaintDeadlines } from '@cgt/shared/complaint/deadlines';
import { COMPLAINT_CHANNELS, COMPLAINT_STATES, COMPLAINT_TYPES } from '@cgt/shared/complaint/machine';

/**
 * The 信访 read side: derived from `complaints`, rewritten after every write by
 * commands/complaints/projections.ts, never the source of truth.
 *
 * Why three collections: FerretDB (on PostgreSQL) pushes only top-level equality down and decodes, sorts
 * and counts every document that equality selects (~20 µs for a small document, ~100 µs for a full
 * case). So every list starts from an equality that selects a small set:
 * - `complaint_rows`: one slim row per case (no timeline, replies, content, encrypted PII) with
 *   top-level keys — `month` (Asia/Shanghai, the registry walks months newest-first), `district` ('-'
 *   for none: FerretDB does not push `null` down), `citizenId`, `idNumberHash`, `caseNo`,
 *   `linkedTicketIds`, `repeatOfIds`, `nameTokens` (arrays: `{f: v}` on an array is pushed down too);
 * - `complaint_open`: one tiny entry per case the office still owes an answer on (积案 / overdue / due
 *   soon). Small by construction (the open workload, not the history), so it is read whole;
 * - `complaint_counts`: exact counts per (month, district, dimension) bucket, each recounted from the
 *   rows after a write (never `$inc`: FerretDB loses concurrent increments). One document per bucket.
 *
 * Indexes are the MongoDB production plan (equality fields first, then the sort); the embedded launcher
 * adds a GIN twin for every top-level field named here.
 */

/** `district` value of a case without a district (visible to every officer). */
export const NO_DISTRICT = '-';

const deadlinesSchema = new Schema(
  {
    acceptBy: { type: Date, required: true },
    concludeBy: { type: Date, default: null },
    reviewRequestBy: { type: Date, default: null },
    reviewBy: { type: Date, default: null },
    recheckRequestBy: { type: Date, default: null },
    recheckBy: { type: Date, default: null },
  },
  { _id: false },
);

export const complaintRowSchema = new Schema(
  {
    version: { type: Number, required: true },
    caseNo: { type: String, required: true },
    status: { type: String, enum: COMPLAINT_STATES, required: true },
    /** the office owes an answer (officeDueAt is set) */
    open: { type: Boolean, required: true },
    type: { type: String, enum: COMPLAINT_TYPES, required: true },
    channel: { type: String, enum: COMPLAINT_CHANNELS, required: true },
    citizenId: { type: String, default: null },
    petitioner: { type: new Schema({ name: String, idNumberMasked: String }, { _id: false }), required: true },
    idNumberHash: { type: String, required: true },
    /** the name's characters and character pairs: "part of the name" search as one equality */
    nameTokens: { type: [String], default: [] },
    /** the first 61 characters: enough for the list summary (60 + "…") */
    request: { type: String, default: '' },
    /** repeat detection compares it with a new case of the same petitioner */
    matterText: { type: String, default: '' },
    district: { type: String, required: true },
    districtCode: { type: String },
    districtName: { type: String },
    departmentId: { type: String },
    departmentName: { type: String },
    registeredAt: { type: Date, required: true },
    /** 'YYYY-MM' and 'YYYY-MM-DD' of registeredAt in Asia/Shanghai */
    month: { type: String, required: true },
    day: { type: String, required: true },
    concludedAt: { type: Date, default: null },
    extension: { type: new Schema({ days: Number }, { _id: false }), default: null },
    deadlines: { type: deadlinesSchema, required: true },
    officeDueAt: { type: Date, default: null },
    isRepeat: { type: Boolean, default: false },
    repeatOf: { type: [new Schema({ id: String, caseNo: String }, { _id: false })], default: [] },
    repeatOfIds: { type: [String], default: [] },
    linkedTicketIds: { type: [String], default: [] },
  },
  { collection: 'complaint_rows', versionKey: false },
);

// the registry: the default view walks days (a page reads a day or two), a filtered one months,
// optionally with one status or district, newest first (also the bucket recounts)
complaintRowSchema.index({ day: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ month: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ month: 1, status: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ month: 1, district: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ month: 1, channel: 1, registeredAt: -1 });
complaintRowSchema.index({ month: 1, type: 1, registeredAt: -1 });
complaintRowSchema.index({ month: 1, isRepeat: 1, registeredAt: -1 });
complaintRowSchema.index({ month: 1, open: 1, registeredAt: -1 });
complaintRowSchema.index({ month: 1, departmentId: 1, registeredAt: -1 });
// selective keys: a resident's cases, one petitioner's, one case number, one ticket's, a name
complaintRowSchema.index({ citizenId: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ idNumberHash: 1, registeredAt: -1, _id: -1 });
complaintRowSchema.index({ caseNo: 1 });
complaintRowSchema.index({ linkedTicketIds: 1, registeredAt: -1 });
complaintRowSchema.index({ repeatOfIds: 1, registeredAt: 1 });
complaintRowSchema.index({ nameTokens: 1, registeredAt: -1 });
// the open cases with a filter the open set does not carry (channel, type, …), by deadline
complaintRowSchema.index({ open: 1, officeDueAt: 1, registeredAt: 1 });
// sort=due on a selective key: cases with a running deadline first, earliest first
complaintRowSchema.index({ linkedTicketIds: 1, open: -1, officeDueAt: 1, registeredAt: 1 });
complaintRowSchema.index({ nameTokens: 1, open: -1, officeDueAt: 1, registeredAt: 1 });

export interface ComplaintRow {
  _id: Types.ObjectId;
  version: number;
  caseNo: string;
  status: string;
  open: boolean;
  type: string;
  channel: string;
  citizenId: string | null;
  petitioner: { name: string; idNumberMasked: string };
  idNumberHash: string;
  nameTokens: string[];
  request: string;
  matterText: string;
  district: string;
  districtCode?: string;
  districtName?: string;
  departmentId?: string;
  departmentName?: string;
  registeredAt: Date;
  month: string;
  day: string;
  concludedAt: Date | null;
  extension: { days: number } | null;
  deadlines: ComplaintDeadlines;
  officeDueAt: Date | null;
  isRepeat: boolean;
  repeatOf: { id: string; caseNo: string }[];
  repeatOfIds: string[];
  linkedTicketIds: string[];
}

/**
 * A case the office still owes an answer on: what the 积案 / overdue / due-soon lists filter and sort
 * by. Seven small fields on purpose (FerretDB's cost is per decoded document): a flag list that also
 * filters on channel, type, … reads the rows with `open: true` instead. `overdue` is true once the
 * deadline has passed (set by the writer, and by the sweep for deadlines that passed since), so the
 * overdue list is one equality plus the few unswept days (`dueDay`) instead of the whole set.
 */
export const complaintOpenSchema = new Schema(
  {
    status: { type: String, enum: COMPLAINT_STATES, required: true },
    district: { type: String, required: true },
    /** the office's running deadline (officeDueAt), its Shanghai day ('-' when none) */
    dueAt: { type: Date, default: null },
    dueDay: { type: String, required: true },
    overdue: { type: Boolean, required: true },
    registeredAt: { type: Date, required: true },
  },
  { collection: 'complaint_open', versionKey: false },
);
complaintOpenSchema.index({ overdue: 1, dueAt: 1, registeredAt: 1 });
complaintOpenSchema.index({ dueDay: 1, overdue: 1, dueAt: 1 });
complaintOpenSchema.index({ status: 1, dueAt: 1 });

export interface ComplaintOpenEntry {
  _id: Types.ObjectId;
  status: string;
  district: string;
  dueAt: Date | null;
  dueDay: string;
  overdue: boolean;
  registeredAt: Date;
}

/**
 * `_id` = `${month}|${district}|${dim}`; dim '*' (every case) or `${field}=${value}`; `field` is the
 * dimension's field ('*' for every case). One more document, `_id` 'open-swept', is the overdue
 * sweep's stamp (commands/complaints/open-set.ts).
 */
export const complaintCountSchema = new Schema(
  {
    _id: { type: String, required: true },
    month: { type: String, required: true },
    district: { type: String, required: true },
    dim: { type: String, required: true },
    field: { type: String, required: true },
    n: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'complaint_counts', versionKey: false },
);
complaintCountSchema.index({ dim: 1, month: -1 });
// all of a month's buckets (the bulk path, repairs)
complaintCountSchema.index({ month: 1 });

/**
 * "This bucket's count may be behind": one marker per case change and bucket, inserted by the writer
 * after its row write; the next reader of the dimension recounts the bucket and removes the markers its
 * count includes (commands/complaints/counts.ts). Writers never wait for a recount.
 */
export const complaintCountDirtySchema = new Schema(
  {
    _id: { type: String, required: true },
    bucket: { type: String, required: true },
    dim: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'complaint_count_dirty', versionKey: false },
);
complaintCountDirtySchema.index({ dim: 1 });

export interface ComplaintCountDoc {
  _id: string;
  month: string;
  district: string;
  dim: string;
  field: string;
  n: number;
  at: Date;
}
