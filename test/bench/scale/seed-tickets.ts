/**
 * Seeds N tickets: residents, then day by day the reports they filed (built by buildNewTicket from the
 * real routing of a point inside the district), each driven through its life (history.ts), inserted in
 * batches with their photos, and the derived rows written by the lead's bulk projection writer.
 */
import { Types } from 'mongoose';
import { formatTrackingNo } from '@cgt/shared/format/tracking-no';
import { isOpen } from '@cgt/shared/ticket/machine';
import { buildNewTicket } from '../../../server/src/domain/tickets/build-ticket.js';
import { isOverdue } from '../../../server/src/domain/tickets/sla.js';
import { resolveRouting } from '../../../server/src/services/routing.js';
import { citizenActor, outboxEntry } from '../../../server/src/commands/tickets/common.js';
import { writeTicketProjectionsBulk } from '../../../server/src/commands/tickets/projections.js';
import { drainQueueCounts } from '../../../server/src/commands/tickets/queue-counts.js';
import { rebuildStats } from '../../../server/src/commands/stats/rebuild.js';
import type { AppDeps } from '../../../server/src/deps.js';
import type { TicketRecord } from '../../../server/src/models/ticket.js';
import { liveTicket } from './history.js';
import type { SeedEnv } from './open-db.js';
import { calendar, lifeOf, openScale, timesOfDay } from './plan.js';
import { PhotoPool } from './photos.js';
import { addressFor, CATEGORY_WEIGHT, DEFAULT_CATEGORY_WEIGHT, descriptionFor, DISTRICT_POPULATION, weightedPicker } from './population.js';

export interface TicketRef {
  id: string;
  trackingNo: string;
  createdAt: Date;
  districtCode: string;
  status: string;
  version: number;
  citizenId: string;
  /** index of the resident (residentNickname) */
  resident: number;
  lat: number;
  lng: number;
}

export interface TicketSeedResult {
  count: number;
  /** of `seconds`: spent in the inserts (the rest builds the documents) */
  insertSeconds: number;
  insertBreakdown: { tickets: number; uploads: number; projections: number };
  /** building the GIN twins over the loaded tables (PostgreSQL) */
  ginSeconds: number;
  days: number;
  from: Date;
  to: Date;
  seconds: number;
  states: Record<string, number>;
  overdue: number;
  openInLast21Days: number;
  rated: number;
  reworked: number;
  uploads: number;
  residents: number;
  citizenIds: string[];
  /** ≈3% of tickets, for 信访 links */
  linkable: TicketRef[];
  /** pools the driver samples (bounded) */
  sample: TicketRef[];
  submitted: TicketRef[];
}

/** Nickname of resident i: the demo login (POST /auth/demo) maps it to openid demo:<nickname>. */
export const residentNickname = (i: number) => `规模测试市民${String(i).padStart(6, '0')}`;

const DAY = 86_400_000;
/** "recent" for the projection writes: changed within the queue's 30 hot days (and a margin) */
const RECENT_MS = 32 * DAY;

export async function seedTickets(env: SeedEnv, n: number, now: Date, rnd: () => number, batchSize: number, log: (m: string) => void): Promise<TicketSeedResult> {
  const { deps } = env;
  const { models } = deps;
  const started = performance.now();
  const categories = (await models.Category.find({ active: { $ne: false } }).lean()).map((c) => ({ code: String(c._id), name: c.name, slaHours: c.slaHours }));
  const pickCategory = weightedPicker(categories, (c) => CATEGORY_WEIGHT[c.code] ?? DEFAULT_CATEGORY_WEIGHT);
  const districts = await models.District.find({ kind: 'district' }).lean();
  const pickDistrict = weightedPicker(districts, (d) => DISTRICT_POPULATION[d.code] ?? 0);
  const streets = await models.Street.find({}, { name: 1, countyAdcode: 1 }).lean();

  // residents: a few report often, most once or twice (reporter index skewed towards 0)
  const residents = Math.max(200, Math.round(n / 3));
  const citizenIds: string[] = [];
  for (let i = 0; i < residents; i += 5000) {
    const docs = Array.from({ length: Math.min(5000, residents - i) }, (_, j) => {
      const nickname = residentNickname(i + j);
      return { _id: new Types.ObjectId(), openid: `demo:${nickname}`, source: 'demo', nickname };
    });
    await models.Citizen.insertMany(docs, { ordered: false });
    citizenIds.push(...docs.map((d) => String(d._id)));
  }

  const photos = await PhotoPool.create(deps);
  const days = calendar(n, now, rnd);
  const k = openScale(days, now);
  const res: TicketSeedResult = {
    count: 0, insertSeconds: 0, insertBreakdown: { tickets: 0, uploads: 0, projections: 0 }, ginSeconds: 0, days: days.length, from: days[0]!.start, to: new Date(days[days.length - 1]!.start.getTime() + DAY), seconds: 0,
    states: {}, overdue: 0, openInLast21Days: 0, rated: 0, reworked: 0, uploads: 0, residents, citizenIds, linkable: [], sample: [], submitted: [],
  };
  let batch: TicketRecord[] = [];
  const deferred: TicketRecord[] = [];
  let uploads: ReturnType<PhotoPool['docs']>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const t0 = performance.now();
    const timed = async (what: keyof TicketSeedResult['insertBreakdown'], fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      res.insertBreakdown[what] += (performance.now() - t) / 1000;
    };
    // mongoose's insertMany casts like the live save; timestamps come from the documents (the SLA clock)
    await timed('tickets', () => parallel(batch, (part) => models.Ticket.insertMany(part, { ordered: false, timestamps: false } as never)));
    await timed('uploads', () => parallel(uploads.map((u) => u.upload), (part) => models.Upload.insertMany(part, { ordered: false })));
    await timed('uploads', () => parallel(uploads.map((u) => u.claim), (part) => models.UploadClaim.insertMany(part, { ordered: false })));
    // recent and open tickets share the queue's count buckets: written together at the end, each bucket is
    // recounted once instead of once per batch (the old, closed ones are written batch by batch)
    const recent = (t: TicketRecord) => isOpen(t.status) || now.getTime() - t.updatedAt.getTime() < RECENT_MS;
    deferred.push(...batch.filter(recent));
    await timed('projections', () => writeTicketProjectionsBulk(deps, batch.filter((t) => !recent(t)), now));
    res.uploads += uploads.length;
    res.insertSeconds += (performance.now() - t0) / 1000;
    batch = [];
    uploads = [];
  };

  for (const day of days) {
    const times = timesOfDay(day, rnd);
    for (let seq = 1; seq <= times.length; seq++) {
      const at = times[seq - 1]!;
      const district = pickDistrict(rnd());
      const category = pickCategory(rnd());
      const { point, routing } = await pointIn(deps, district, category.code, rnd);
      const resident = Math.floor(residents * rnd() ** 2.5);
      const citizenId = citizenIds[resident]!;
      const ticketId = new Types.ObjectId().toHexString();
      const photoIds = Array.from({ length: rnd() < 0.25 ? 2 : 1 }, () => photos.newId());
      const timed: AppDeps = { ...deps, now: () => at };
      const anonymous = rnd() < 0.15;
      const street = streets.filter((s) => s.countyAdcode === district.code);
      const doc = buildNewTicket({
        ticketId,
        now: at,
        citizenId,
        category,
        point,
        routing,
        description: descriptionFor(category.code, rnd),
        address: addressFor(district.name, street[Math.floor(rnd() * street.length)]?.name, rnd),
        photoIds,
        anonymous,
        phone: rnd() < 0.85 ? `1${3 + Math.floor(rnd() * 7)}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}` : undefined,
        actor: citizenActor(citizenId),
        outbox: [outboxEntry(timed, 'citizen', citizenId, 'created', 'submitted', '您的上报已提交，等待受理')],
      });
      const filed: TicketRecord = { ...doc, trackingNo: formatTrackingNo(at, seq) };
      const ageDays = (now.getTime() - at.getTime()) / DAY;
      const life = liveTicket(deps, filed, lifeOf(ageDays, k, rnd), env.staffing, now, rnd, photos.newId);
      const t = life.ticket;
      for (const id of photoIds) uploads.push(photos.docs(id, { kind: 'citizen', id: citizenId }, ticketId, at));
      for (const p of life.afterPhotos) uploads.push(photos.docs(p.id, { kind: 'staff', id: p.ownerId }, ticketId, p.at));
      batch.push(t);
      tally(res, t, resident, now, ageDays, rnd);
      if (batch.length >= batchSize) {
        await flush();
        if (res.count % (batchSize * 10) === 0) log(`  ${res.count.toLocaleString('en')} tickets, ${Math.round(res.count / ((performance.now() - started) / 1000))}/s`);
      }
    }
  }
  await flush();
  const g0 = performance.now();
  await env.ginTwins();
  res.ginSeconds = (performance.now() - g0) / 1000;
  log(`  queue rows of ${deferred.length.toLocaleString('en')} open and recent tickets …`);
  const t0 = performance.now();
  await writeTicketProjectionsBulk(deps, deferred, now);
  // every bucket the load marked, counted once (the server's readers would otherwise do it on first view)
  log(`  counted ${await drainQueueCounts(deps)} queue buckets`);
  // the 考核 statistics rows from every ticket's history (the same code as `npm run stats:rebuild`)
  const st = await rebuildStats(deps, { afterClear: () => env.ginTwins() });
  log(`  statistics: ${st.facts.toLocaleString('en')} facts of ${st.tickets.toLocaleString('en')} tickets, ${st.rows} day/month rows in ${st.seconds.toFixed(0)} s`);
  res.insertBreakdown.projections += (performance.now() - t0) / 1000;
  res.insertSeconds += (performance.now() - t0) / 1000;
  res.seconds = (performance.now() - started) / 1000;
  return res;
}

/**
 * FerretDB converts and inserts the documents of one insertMany one after the other; a few inserts in
 * flight keep FerretDB and PostgreSQL busy on every core.
 */
const INSERTS_IN_FLIGHT = 4;
async function parallel<T>(docs: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  const size = Math.ceil(docs.length / INSERTS_IN_FLIGHT);
  const parts = Array.from({ length: INSERTS_IN_FLIGHT }, (_, i) => docs.slice(i * size, (i + 1) * size)).filter((p) => p.length);
  await Promise.all(parts.map(insert));
}

function tally(res: TicketSeedResult, t: TicketRecord, resident: number, now: Date, ageDays: number, rnd: () => number) {
  res.count++;
  res.states[t.status] = (res.states[t.status] ?? 0) + 1;
  if (isOverdue(t.status, t.dueAt, now)) res.overdue++;
  if (isOpen(t.status) && ageDays <= 21) res.openInLast21Days++;
  if (t.satisfaction) res.rated++;
  if (t.reworkCount > 0) res.reworked++;
  const ref: TicketRef = {
    id: String(t._id), trackingNo: t.trackingNo, createdAt: t.createdAt, districtCode: t.routing.districtCode, status: t.status, version: t.version, citizenId: t.reporter.citizenId,
    resident, lat: t.location.lat, lng: t.location.lng,
  };
  if (rnd() < 0.03) res.linkable.push(ref);
  // bounded reservoirs: uniform over the whole year, and the newest submitted ones (to accept)
  if (res.sample.length < 2000) res.sample.push(ref);
  else if (rnd() < 2000 / res.count) res.sample[Math.floor(rnd() * 2000)] = ref;
  if (t.status === 'submitted') {
    res.submitted.push(ref);
    if (res.submitted.length > 2000) res.submitted.shift();
  }
}

type DistrictLean = { code: string; name: string; center?: { lat?: number | null; lng?: number | null } | null; bbox?: { minLng?: number | null; minLat?: number | null; maxLng?: number | null; maxLat?: number | null } | null };

/**
 * A point the real routing places in `d`: clustered around the district's centre (where people live),
 * widening to the whole bounding box when the district is oddly shaped.
 */
async function pointIn(deps: AppDeps, d: DistrictLean, categoryCode: string, rnd: () => number) {
  const b = d.bbox!;
  const c = d.center!;
  const w = b.maxLng! - b.minLng!;
  const h = b.maxLat! - b.minLat!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  for (let attempt = 0; attempt < 200; attempt++) {
    const spread = attempt < 40 ? 0.12 : 0.5;
    const point =
      attempt < 120
        ? { lat: c.lat! + gauss() * h * spread, lng: c.lng! + gauss() * w * spread }
        : { lat: b.minLat! + rnd() * h, lng: b.minLng! + rnd() * w };
    const routing = await resolveRouting(deps, point, categoryCode);
    if (routing?.district.code === d.code) return { point, routing };
  }
  throw new Error(`no point found inside ${d.name}`);
}
