import { WASTE_CATEGORY_IDS, type WasteCategoryId } from '@cgt/shared/schemas/waste';
import type { AppDeps } from '../deps.js';
import { ignoreDuplicateKey } from '../db/claims.js';
import { currentGenerationSnapshot } from '../db/snapshot.js';
import { versionedWrite } from '../db/versioned-write.js';
import type { PinyinKey } from '../domain/waste/pinyin-keys.js';
import { buildWasteIndex, type IndexItem, type WasteIndex } from '../domain/waste/search-index.js';

/**
 * The in-memory waste index of one database, a current-generation snapshot (db/snapshot.ts) of the
 * generation `waste-index`, which every administrator write and every re-seed of the waste data sets:
 * - built from the collections at first use;
 * - a write on this instance makes the next reader wait for the rebuild (an administrator sees their
 *   own edit at once);
 * - a write on another instance is seen at the next stamp check (every few seconds), rebuilt in the
 *   background while the old index serves. N instances converge without any push channel.
 */

export const WASTE_GENERATION = 'waste-index';

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

type Deps = Pick<AppDeps, 'models' | 'logger'>;

const wasteIndex = currentGenerationSnapshot<WasteSnapshot, Deps>({ generation: WASTE_GENERATION, build: (deps) => build(deps) });

/** Pinyin keys per name, kept across rebuilds (per models object: one per database). */
const pinyinCaches = new WeakMap<object, Map<string, PinyinKey>>();

function pinyinCacheOf(deps: Pick<AppDeps, 'models'>): Map<string, PinyinKey> {
  let cache = pinyinCaches.get(deps.models);
  if (!cache) {
    cache = new Map();
    pinyinCaches.set(deps.models, cache);
  }
  return cache;
}

async function build(deps: Deps): Promise<WasteSnapshot> {
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
  return { index: buildWasteIndex(items, pinyinCacheOf(deps)), categories, byCategory, byId: new Map(items.map((i) => [i.id, i])) };
}

/** The current snapshot; waits only for the first build or after a write on this instance. */
export async function getWasteSnapshot(deps: Deps): Promise<WasteSnapshot> {
  return wasteIndex.get(deps);
}

/** Compares the stored generation with the one the index was built from; rebuilds when they differ. */
export async function refreshWasteIndexIfChanged(deps: Deps): Promise<boolean> {
  return wasteIndex.refreshIfChanged(deps);
}

/** After every administrator write or re-seed: other instances see the stamp, this one rebuilds on next read. */
export async function wasteItemsChanged(deps: Pick<AppDeps, 'models'>): Promise<void> {
  await wasteIndex.invalidate(deps);
}

const MAX_PENDING_MISSES = 64;
/** Tries per miss when other instances count the same text at the same moment. */
const MISS_WRITE_ATTEMPTS = 5;
let pendingMisses = 0;
/** Misses are written one after another here, so this process's own misses never contend. */
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
    .then(async () => {
      if (!(await recordWasteMiss(deps, query))) deps.logger.info('waste miss not counted: other instances were counting the same text');
    })
    .catch((err: unknown) => deps.logger.warn({ err }, 'waste miss not recorded'))
    .finally(() => {
      pendingMisses--;
    });
}

/**
 * Counts one search that found nothing, on the normalised text: the first miss creates the document (its
 * unique _id lets one creator in), later ones raise the count by a versioned write (db/versioned-write.ts)
 * — not `$inc`, which FerretDB loses between instances. false = given up under contention.
 */
export async function recordWasteMiss(deps: Pick<AppDeps, 'models' | 'now'>, query: string): Promise<boolean> {
  const { WasteMiss } = deps.models;
  const now = deps.now();
  for (let attempt = 0; attempt < MISS_WRITE_ATTEMPTS; attempt++) {
    const cur = await WasteMiss.findById(query, { count: 1, version: 1 }).lean();
    if (!cur) {
      try {
        await WasteMiss.create({ _id: query, count: 1, version: 0, firstSeen: now, lastSeen: now });
        return true;
      } catch (err) {
        ignoreDuplicateKey(err); // another instance's first miss of the same text won: count on top of it
        continue;
      }
    }
    // written before misses carried a version (a race here only repeats the same 0)
    if (cur.version === undefined) await WasteMiss.updateOne({ _id: query, version: { $exists: false } }, { $set: { version: 0 } });
    const version = cur.version ?? 0;
    const update = { $set: { count: cur.count + 1, lastSeen: now } };
    if (await versionedWrite(deps.models, { kind: 'waste-miss', model: WasteMiss, id: query, version, update })) return true;
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
  }
  return false;
}
