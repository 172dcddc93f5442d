import { WASTE_CATEGORY_IDS, type WasteCategoryId } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../deps.js';
import type { PinyinKey } from '../domain/waste/pinyin-keys.js';
import { buildWasteIndex, type IndexItem, type WasteIndex } from '../domain/waste/search-index.js';

/**
 * Holds the in-memory waste index for one database and keeps it current:
 * - built from the collection at first use;
 * - a write on this instance marks it stale, and the next reader waits for the rebuild (an
 *   administrator sees their own edit at once);
 * - every admin write also bumps a version counter document (Counter `waste-index`); each instance
 *   checks it (and the seed stamp, so a re-seed by another instance counts too) at most every
 *   CHECK_MS and rebuilds in the background, serving the old index meanwhile. N instances converge
 *   within a few seconds without any push channel.
 */

export const WASTE_VERSION_COUNTER = 'waste-index';
const CHECK_MS = 3000;

export interface WasteCategoryInfo {
  id: WasteCategoryId;
  order: number;
  zh: string;
  zhAlias?: string;
  en: string;
  color: string;
  colorZh: string;
  colorHex: string;
  descriptionZh: string;
  tipsZh: string[];
}

export interface WasteSnapshot {
  index: WasteIndex;
  categories: Record<WasteCategoryId, WasteCategoryInfo>;
  byCategory: Record<WasteCategoryId, IndexItem[]>;
  byId: Map<string, IndexItem>;
}

interface State {
  snapshot?: WasteSnapshot;
  version?: string;
  /** bumped by local writes; a snapshot built from an older generation is not served to readers */
  gen: number;
  builtGen: number;
  building?: Promise<void>;
  checkedAt: number;
  checking?: Promise<void>;
  pinyinCache: Map<string, PinyinKey>;
}

// Keyed by the models object: one per database connection (tests run several databases in one process).
const states = new WeakMap<object, State>();

function stateOf(deps: Pick<AppDeps, 'models'>): State {
  let st = states.get(deps.models);
  if (!st) {
    st = { gen: 0, builtGen: -1, checkedAt: 0, pinyinCache: new Map() };
    states.set(deps.models, st);
  }
  return st;
}

/** What the index was built from: the admin-write counter plus the loaded seed version. */
async function currentVersion(deps: Pick<AppDeps, 'models'>): Promise<string> {
  const [counter, stamp] = await Promise.all([
    deps.models.Counter.findById(WASTE_VERSION_COUNTER).lean(),
    deps.models.SeedStamp.findById('waste-items').lean(),
  ]);
  return `${counter?.seq ?? 0}:${stamp?.version ?? ''}`;
}

async function build(deps: Pick<AppDeps, 'models' | 'now'>, st: State): Promise<void> {
  const gen = st.gen;
  // version first: a write landing during the read below makes the next check rebuild again
  const version = await currentVersion(deps);
  const [docs, cats] = await Promise.all([
    deps.models.WasteItem.find({}, { name: 1, category: 1, aliases: 1, edited: 1, deleted: 1 }).lean(),
    deps.models.WasteCategory.find({}).lean(),
  ]);
  const items: IndexItem[] = docs
    .filter((d) => !d.deleted)
    .map((d) => ({ id: String(d._id), name: d.name, category: d.category as WasteCategoryId, aliases: d.aliases ?? [], edited: !!d.edited }));
  // stable order for ties in the ranking: by name code points, independent of storage order
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const categories = {} as Record<WasteCategoryId, WasteCategoryInfo>;
  const byCategory = {} as Record<WasteCategoryId, IndexItem[]>;
  for (const id of WASTE_CATEGORY_IDS) {
    byCategory[id] = [];
    categories[id] = { id, order: 0, zh: id, en: id, color: '', colorZh: '', colorHex: '#888888', descriptionZh: '', tipsZh: [] };
  }
  for (const c of cats) {
    const id = c._id as WasteCategoryId;
    categories[id] = {
      id,
      order: c.order ?? 0,
      zh: c.zh,
      ...(c.zhAlias ? { zhAlias: c.zhAlias } : {}),
      en: c.en,
      color: c.color,
      colorZh: c.colorZh,
      colorHex: c.colorHex,
      descriptionZh: c.descriptionZh ?? '',
      tipsZh: c.tipsZh ?? [],
    };
  }
  for (const item of items) byCategory[item.category].push(item);
  st.snapshot = { index: buildWasteIndex(items, st.pinyinCache), categories, byCategory, byId: new Map(items.map((i) => [i.id, i])) };
  st.version = version;
  st.builtGen = gen;
  st.checkedAt = deps.now().getTime();
}

function startBuild(deps: Pick<AppDeps, 'models' | 'now'>, st: State): Promise<void> {
  st.building ??= build(deps, st).finally(() => {
    st.building = undefined;
  });
  return st.building;
}

/** The current snapshot; waits only for the first build or after a write on this instance. */
export async function getWasteSnapshot(deps: Pick<AppDeps, 'models' | 'now' | 'logger'>): Promise<WasteSnapshot> {
  const st = stateOf(deps);
  while (!st.snapshot || st.builtGen < st.gen) await startBuild(deps, st);
  if (Math.abs(deps.now().getTime() - st.checkedAt) >= CHECK_MS && !st.checking) {
    void refreshWasteIndexIfChanged(deps).catch((err: unknown) => deps.logger.warn({ err }, 'waste index version check failed'));
  }
  return st.snapshot;
}

/** Compares the stored version with the one the index was built from; rebuilds when they differ. */
export async function refreshWasteIndexIfChanged(deps: Pick<AppDeps, 'models' | 'now'>): Promise<boolean> {
  const st = stateOf(deps);
  st.checking ??= (async () => {
    st.checkedAt = deps.now().getTime();
    const version = await currentVersion(deps);
    if (version !== st.version) await startBuild(deps, st);
  })().finally(() => {
    st.checking = undefined;
  });
  const before = st.version;
  await st.checking;
  return st.version !== before;
}

/** After every administrator write: other instances see the counter, this one rebuilds on next read. */
export async function wasteItemsChanged(deps: Pick<AppDeps, 'models'>): Promise<void> {
  await deps.models.Counter.updateOne({ _id: WASTE_VERSION_COUNTER }, { $inc: { seq: 1 } }, { upsert: true });
  stateOf(deps).gen++;
}

const MAX_PENDING_MISSES = 64;
let pendingMisses = 0;
/** Misses are written one after another: FerretDB loses concurrent $inc on one document (see db/cas.ts). */
let missChain: Promise<void> = Promise.resolve();

/**
 * Records a miss without making the caller wait. At most MAX_PENDING_MISSES writes are in flight per
 * process: under a flood of nonsense queries the statistics lose some counts instead of piling up
 * database writes. Failures are logged, never surfaced to the resident.
 */
export function noteWasteMiss(deps: Pick<AppDeps, 'models' | 'now' | 'logger'>, query: string): void {
  if (pendingMisses >= MAX_PENDING_MISSES) return;
  pendingMisses++;
  missChain = missChain
    .then(() => recordWasteMiss(deps, query))
    .catch((err: unknown) => deps.logger.warn({ err }, 'waste miss not recorded'))
    .finally(() => {
      pendingMisses--;
    });
}

/** Records one search that found nothing: a single atomic upsert on the normalised text. */
export async function recordWasteMiss(deps: Pick<AppDeps, 'models' | 'now'>, query: string): Promise<void> {
  const now = deps.now();
  const update = { $inc: { count: 1 }, $set: { lastSeen: now }, $setOnInsert: { firstSeen: now } };
  try {
    await deps.models.WasteMiss.updateOne({ _id: query }, update, { upsert: true });
  } catch (err) {
    // two first-time misses racing: one upsert inserts, the other hits the duplicate key; retry as an update
    if ((err as { code?: number }).code !== 11000) throw err;
    await deps.models.WasteMiss.updateOne({ _id: query }, update, { upsert: true });
  }
}
