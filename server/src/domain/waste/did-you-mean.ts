import { boundedOsa } from './distance.js';
import { hasHanzi, normalizeQuery } from './normalize.js';
import { pinyinOf } from './pinyin-keys.js';
import { eachWithPrefix, type WasteIndex } from './search-index.js';

/**
 * "您要找的是不是：塑料袋" — the one listed name a resident most likely meant when what they typed is not
 * a name, nor part of one. Candidates are names that sound the same as the whole query (塑料代 → 塑料袋,
 * found by a binary search over the pinyin suffixes) or differ by one or two characters (found through
 * the per-character postings, so only names sharing characters with the query are compared). Bounded
 * work: no scan over the list.
 */

/** Most edits a suggestion may be away from the query: one for short words, two from six characters on. */
function budgetFor(length: number): number {
  return length >= 6 ? 2 : 1;
}

function isPartOfAName(index: WasteIndex, q: string): boolean {
  const list = index.textSuffixes.s;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.startsWith(q);
}

/** How often the list uses a text's characters: the smallest posting list among them. */
function commonness(index: WasteIndex, text: string): number {
  let least = Infinity;
  for (const c of text) least = Math.min(least, index.charPostings.get(c)?.length ?? 0);
  return least === Infinity ? 0 : least;
}

export function didYouMean(index: WasteIndex, rawQuery: string): string | undefined {
  const q = normalizeQuery(rawQuery);
  // typed pinyin or initials already search by sound; one character is too little to guess from
  if (q.length < 2 || !hasHanzi(q) || isPartOfAName(index, q)) return undefined;
  const budget = budgetFor(q.length);
  const qp = pinyinOf(q);
  let best: { pos: number; rank: number; usage: number } | undefined;
  const consider = (pos: number, homophone: boolean): void => {
    const k = index.keys[pos]!;
    const d = boundedOsa(q, k.text, homophone ? q.length : budget);
    if (!homophone && d > budget) return;
    // sounds the same first, then fewest edits, then a wrong character over a missing or extra one
    // (西瓜泼 → 西瓜皮, not 西瓜), then the closer sound (po ~ pi, not zi), then the item's own name over
    // an alias, then shorter
    const sound = homophone ? 0 : boundedOsa(qp, k.py.full, 8);
    const rank = (homophone ? 0 : 1) * 1e7 + d * 1e5 + Math.abs(k.text.length - q.length) * 1e4 + sound * 1e3 + (k.alias ? 100 : 0) + k.text.length;
    // still tied (塑料袋 / 塑料带 both sound like 塑料代): the name whose characters the list uses more
    // often (袋 is in dozens of names, 带 in a few), then the text, so the answer never depends on order
    const usage = commonness(index, k.text);
    if (!best || rank < best.rank || (rank === best.rank && (usage > best.usage || (usage === best.usage && k.text < index.keys[best.pos]!.text)))) best = { pos, rank, usage };
  };
  if (qp) eachWithPrefix(index.pinyinSuffixes, qp, (pos, at, s) => at === 0 && s.length === qp.length && consider(pos, true));
  if (!best) {
    const shared = new Map<number, number>();
    for (const c of new Set(q)) for (const pos of index.charPostings.get(c) ?? []) shared.set(pos, (shared.get(pos) ?? 0) + 1);
    const need = Math.max(1, new Set(q).size - budget);
    for (const [pos, n] of shared) {
      if (n < need || Math.abs(index.keys[pos]!.text.length - q.length) > budget) continue;
      consider(pos, false);
    }
  }
  return best ? index.items[index.keys[best.pos]!.entry]!.name : undefined;
}
