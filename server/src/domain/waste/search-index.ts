import type { WasteCategoryId, WasteMatchedBy } from '@cgt/shared/schemas/waste';
import { boundedOsa } from './distance.js';
import { hasHanzi, isAsciiWord, normalizeQuery, normalizeText } from './normalize.js';
import { pinyinKey, pinyinOf, type PinyinKey } from './pinyin-keys.js';

/**
 * In-memory search over the waste list (FerretDB has no text search; the list is ~4k items). Pure:
 * built from plain items, queried without I/O. Each name and alias is a "key" with its normalised
 * text and precomputed pinyin. Lookups never scan all keys:
 * - sorted suffix arrays turn exact / prefix / substring into a binary search plus the matches:
 *   every suffix of every text, every pinyin suffix that starts at a syllable, and both initials forms;
 * - typo tolerance (bounded edit distance) only runs on candidates that share enough characters
 *   (hanzi) or pinyin bi/trigrams with the query, within the length window the distance allows.
 */

export interface IndexItem {
  id: string;
  name: string;
  category: WasteCategoryId;
  aliases: string[];
  edited?: boolean;
}

export interface IndexKey {
  entry: number;
  alias: boolean;
  text: string;
  py: PinyinKey;
  /** contains Latin letters (their "initials" are just the letters: ranked after hanzi names) */
  latin: boolean;
}

/** A sorted list of strings, each pointing at a key (and where in it the string starts). */
export interface Sorted {
  s: string[];
  key: Int32Array;
  at: Int32Array;
}

export interface WasteIndex {
  items: IndexItem[];
  keys: IndexKey[];
  /** normalised text → key positions */
  exact: Map<string, number[]>;
  textSuffixes: Sorted;
  pinyinSuffixes: Sorted;
  initials: Sorted;
  /** hanzi (any character) → key positions containing it, for fuzzy candidates */
  charPostings: Map<string, Int32Array>;
  /** pinyin bigram / trigram → key positions, for fuzzy candidates on pinyin */
  bigramPostings: Map<string, Int32Array>;
  trigramPostings: Map<string, Int32Array>;
  byPinyinLen: Map<number, number[]>;
}

export interface SearchHit {
  item: IndexItem;
  matchedBy: WasteMatchedBy;
}

/**
 * Tiers, best first. The order is exact → prefix → substring → pinyin/initials → aliases →
 * fuzzy; an alias typed in full (避孕套 → 安全套) is as good as the name itself, so it ranks right after
 * an exact name match instead of with the partial alias matches.
 */
const TIER = { exact: 0, aliasExact: 1, prefix: 2, substring: 3, pinyin: 4, initials: 5, alias: 6, fuzzy: 7 } as const;
const TIER_MATCH: WasteMatchedBy[] = ['exact', 'alias', 'prefix', 'substring', 'pinyin', 'initials', 'alias', 'fuzzy'];

function sorted(rows: { s: string; key: number; at: number }[]): Sorted {
  rows.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.key - b.key));
  return { s: rows.map((r) => r.s), key: Int32Array.from(rows, (r) => r.key), at: Int32Array.from(rows, (r) => r.at) };
}

function postings(map: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...map].map(([k, v]) => [k, Int32Array.from(v)]));
}

function add<K>(map: Map<K, number[]>, k: K, v: number): void {
  const list = map.get(k);
  if (!list) map.set(k, [v]);
  else if (list[list.length - 1] !== v) list.push(v);
}

/** `cache` (text → pinyin) lets a rebuild after one edit skip recomputing ~4k pinyin keys. */
export function buildWasteIndex(items: IndexItem[], cache: Map<string, PinyinKey> = new Map()): WasteIndex {
  const keys: IndexKey[] = [];
  const exact = new Map<string, number[]>();
  const textRows: { s: string; key: number; at: number }[] = [];
  const pyRows: { s: string; key: number; at: number }[] = [];
  const iniRows: { s: string; key: number; at: number }[] = [];
  const chars = new Map<string, number[]>();
  const bigrams = new Map<string, number[]>();
  const trigrams = new Map<string, number[]>();
  const byPinyinLen = new Map<number, number[]>();
  items.forEach((item, entry) => {
    const seen = new Set<string>();
    [item.name, ...item.aliases].forEach((raw, i) => {
      const text = normalizeText(raw);
      if (!text || seen.has(text)) return;
      seen.add(text);
      let py = cache.get(text);
      if (!py) cache.set(text, (py = pinyinKey(text)));
      const pos = keys.length;
      keys.push({ entry, alias: i > 0, text, py, latin: /[a-z]/.test(text) });
      add(exact, text, pos);
      for (let at = 0; at < text.length; at++) {
        textRows.push({ s: text.slice(at), key: pos, at });
        add(chars, text[at]!, pos);
      }
      for (const at of py.starts) pyRows.push({ s: py.full.slice(at), key: pos, at });
      if (py.initials) iniRows.push({ s: py.initials, key: pos, at: 0 });
      if (py.initials2 !== py.initials) iniRows.push({ s: py.initials2, key: pos, at: 0 });
      for (let at = 0; at + 1 < py.full.length; at++) add(bigrams, py.full.slice(at, at + 2), pos);
      for (let at = 0; at + 2 < py.full.length; at++) add(trigrams, py.full.slice(at, at + 3), pos);
      if (py.full) add(byPinyinLen, py.full.length, pos);
    });
  });
  return {
    items,
    keys,
    exact,
    textSuffixes: sorted(textRows),
    pinyinSuffixes: sorted(pyRows),
    initials: sorted(iniRows),
    charPostings: postings(chars),
    bigramPostings: postings(bigrams),
    trigramPostings: postings(trigrams),
    byPinyinLen,
  };
}

/** Calls fn for every entry of the sorted list that starts with q (binary search, then a short walk). */
export function eachWithPrefix(list: Sorted, q: string, fn: (key: number, at: number, s: string) => void): void {
  let lo = 0;
  let hi = list.s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.s[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.s.length && list.s[i]!.startsWith(q); i++) fn(list.key[i]!, list.at[i]!, list.s[i]!);
}

/** Largest edit distance tolerated: one slip for short input, two for long input, none for very short. */
export function fuzzBudget(length: number, pinyin: boolean): number {
  if (pinyin) return length >= 10 ? 2 : length >= 4 ? 1 : 0;
  return length >= 6 ? 2 : length >= 2 ? 1 : 0;
}

/**
 * Best rank per item for one query, in reused typed arrays (no Map, no per-query allocation beyond
 * the list of touched items). Rank = tier × 1e6 + secondary; lower is better.
 */
class Ranker {
  private static best = new Float64Array(0);
  readonly touched: number[] = [];
  good = 0;
  constructor(size: number) {
    if (Ranker.best.length < size) Ranker.best = new Float64Array(size).fill(-1);
  }
  offer(entry: number, tier: number, secondary: number): void {
    const rank = tier * 1e6 + Math.min(secondary, 999_999);
    const old = Ranker.best[entry]!;
    if (old < 0) {
      this.touched.push(entry);
      if (tier < TIER.fuzzy) this.good++;
      Ranker.best[entry] = rank;
    } else if (rank < old) Ranker.best[entry] = rank;
  }
  /** Clears the shared scratch array (always called, even when the query throws). */
  reset(): void {
    for (const e of this.touched) Ranker.best[e] = -1;
  }
  /** The `limit` best entries with their tier. */
  take(limit: number): { entry: number; tier: number }[] {
    const packed = new Float64Array(this.touched.length);
    // rank × 2^20 + entry packs both into one exactly representable number (< 2^53): a plain numeric sort
    this.touched.forEach((e, i) => (packed[i] = Ranker.best[e]! * 1048576 + e));
    packed.sort();
    const out: { entry: number; tier: number }[] = [];
    for (let i = 0; i < packed.length && i < limit; i++) {
      const entry = packed[i]! % 1048576;
      out.push({ entry, tier: Math.floor((packed[i]! - entry) / 1048576 / 1e6) });
    }
    return out;
  }
}

function textMatches(index: WasteIndex, q: string, r: Ranker): void {
  eachWithPrefix(index.textSuffixes, q, (pos, at) => {
    const k = index.keys[pos]!;
    const extra = k.text.length - q.length;
    // shorter names first (closer to what was typed); for substrings, an earlier match first
    if (extra === 0) r.offer(k.entry, k.alias ? TIER.aliasExact : TIER.exact, 0);
    else if (k.alias) r.offer(k.entry, TIER.alias, at * 100 + extra);
    else if (at === 0) r.offer(k.entry, TIER.prefix, extra);
    else r.offer(k.entry, TIER.substring, at * 100 + extra);
  });
}

function pinyinMatches(index: WasteIndex, qp: string, ascii: boolean, r: Ranker): void {
  eachWithPrefix(index.pinyinSuffixes, qp, (pos, at) => {
    // a query may start at any syllable ("guapi" finds 西瓜皮) but never inside one ("uapi")
    if (at > 0 && qp.length < 3) return;
    const k = index.keys[pos]!;
    r.offer(k.entry, TIER.pinyin, (at > 0 ? 1000 + at * 10 : 0) + (k.alias ? 500 : 0) + k.py.full.length - qp.length);
  });
  if (!ascii) return;
  eachWithPrefix(index.initials, qp, (pos, _at, s) => {
    const k = index.keys[pos]!;
    r.offer(k.entry, TIER.initials, (k.alias ? 500 : 0) + (k.latin ? 100 : 0) + s.length - qp.length);
  });
}

// scratch counters for candidate filtering, grown as the index grows (single-threaded: safe to share)
let counts = new Int32Array(0);

/**
 * Keys within `budget` edits of `q`. Candidates must share at least `need` characters (hanzi) or
 * pinyin n-grams with q — a necessary condition for being that close — and fit the length window.
 */
function fuzzyMatches(index: WasteIndex, q: string, budget: number, onPinyin: boolean, r: Ranker): void {
  if (budget === 0) return;
  // Each edit removes at most one query character, or at most 3 pinyin bigrams / 4 trigrams (a
  // transposition), so a candidate must share at least `need` of them. Trigram lists are far shorter:
  // use them whenever the bound still says something.
  let n = onPinyin ? 3 : 1;
  let need = q.length - n + 1 - (n + 1) * budget;
  if (onPinyin && need <= 0) {
    n = 2;
    need = q.length - 1 - 3 * budget;
  }
  if (!onPinyin) need = q.length - budget;
  const grams: string[] = [];
  for (let i = 0; i + n <= q.length; i++) grams.push(q.slice(i, i + n));
  const lists = !onPinyin ? index.charPostings : n === 3 ? index.trigramPostings : index.bigramPostings;
  const check = (pos: number): void => {
    const k = index.keys[pos]!;
    const target = onPinyin ? k.py.full : k.text;
    if (Math.abs(target.length - q.length) > budget) return;
    const d = boundedOsa(q, target, budget);
    if (d <= budget) r.offer(k.entry, TIER.fuzzy, d * 1000 + (onPinyin ? 100 : 0) + (k.alias ? 50 : 0) + Math.abs(target.length - q.length));
  };
  if (need <= 0) {
    // too short to filter by shared grams: the length window is the filter (short pinyin only)
    if (onPinyin) for (let len = q.length - budget; len <= q.length + budget; len++) for (const pos of index.byPinyinLen.get(len) ?? []) check(pos);
    return;
  }
  if (counts.length < index.keys.length) counts = new Int32Array(index.keys.length);
  const touched: number[] = [];
  for (const g of grams) {
    for (const pos of lists.get(g) ?? []) {
      if (counts[pos] === 0) touched.push(pos);
      counts[pos]!++;
    }
  }
  try {
    for (const pos of touched) if (counts[pos]! >= need) check(pos);
  } finally {
    for (const pos of touched) counts[pos] = 0;
  }
}

/**
 * Looks up a query: exact, prefix, substring, pinyin (typed, or the query's own pinyin so that a
 * homophone typo such as 塑料平 still lands on 塑料瓶…), initials, aliases, then — only when the better
 * tiers leave room — typo-tolerant matching on the characters and on the pinyin.
 */
export function searchWaste(index: WasteIndex, rawQuery: string, limit: number): SearchHit[] {
  const q = normalizeQuery(rawQuery);
  if (!q) return [];
  const r = new Ranker(index.items.length);
  try {
    textMatches(index, q, r);
    const ascii = isAsciiWord(q);
    const qp = ascii ? q : hasHanzi(q) ? pinyinOf(q) : '';
    if (qp) pinyinMatches(index, qp, ascii, r);
    if (r.good < limit) {
      if (!ascii) fuzzyMatches(index, q, fuzzBudget(q.length, false), false, r);
      // typed pinyin has only this fuzzy pass; for hanzi it is the last resort (near-homophones)
      if (qp && (ascii || r.touched.length === 0)) fuzzyMatches(index, qp, fuzzBudget(qp.length, true), true, r);
    }
    return r.take(limit).map(({ entry, tier }) => ({ item: index.items[entry]!, matchedBy: TIER_MATCH[tier]! }));
  } finally {
    r.reset();
  }
}

/** Items whose name or alias contains the text, or whose pinyin/initials start with it (admin list filter). */
export function filterWaste(index: WasteIndex, rawQuery: string | undefined, category: WasteCategoryId | undefined): IndexItem[] {
  const q = rawQuery ? normalizeText(rawQuery) : '';
  const keep = new Set<number>();
  if (!q) index.items.forEach((_, i) => keep.add(i));
  else {
    eachWithPrefix(index.textSuffixes, q, (pos) => keep.add(index.keys[pos]!.entry));
    if (isAsciiWord(q)) {
      eachWithPrefix(index.pinyinSuffixes, q, (pos, at) => at === 0 && keep.add(index.keys[pos]!.entry));
      eachWithPrefix(index.initials, q, (pos) => keep.add(index.keys[pos]!.entry));
    }
  }
  return [...keep]
    .filter((e) => !category || index.items[e]!.category === category)
    .sort((a, b) => a - b)
    .map((e) => index.items[e]!);
}
