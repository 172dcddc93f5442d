/**
 * 重复信访 detection. A new complaint repeats an earlier one when
 *   (a) it comes from the same petitioner — the same resident account, or the same ID-card number
 *       (compared by keyed hash) whatever the channel — and
 *   (b) it is about a similar matter: the two "matter texts" (request + content, with petition
 *       boilerplate such as 要求/处理/解决/小区 and all punctuation removed) share at least 30 % of the
 *       character bigrams of the shorter one (overlap coefficient).
 * Bigrams work for Chinese without a word segmenter: "门口烧烤摊噪音扰民" and "烧烤摊夜间噪音扰民" share
 * 烧烤/烤摊/噪音/扰民. The overlap coefficient (not Jaccard/Dice) is used because a follow-up letter is
 * usually much shorter or much longer than the first one. On the hand-written pairs in repeat.test.ts a
 * restatement scores ≥ 0.36 and a different matter of the same person ≤ 0.21.
 * The officer sees the links and decides; nothing is refused automatically.
 */

export const REPEAT_SIMILARITY_THRESHOLD = 0.3;
/** Compare at most this many characters (a 2000-character letter is mostly detail). */
const MAX_MATTER_CHARS = 600;
/** Below this many bigrams the overlap coefficient is too easily 1: use Dice instead. */
const MIN_BIGRAMS_FOR_OVERLAP = 4;

/** Words found in almost every petition: they say nothing about which matter it is. */
const BOILERPLATE = ['要求', '请求', '希望', '尽快', '依法', '处理', '解决', '问题', '反映', '城管', '部门', '相关', '我们', '之前', '至今', '仍未', '仍然', '严重', '情况', '小区', '市民', '本人', '政府'];

/** Lower-cased letters, digits and CJK characters; boilerplate and punctuation become separators (a space). */
export function matterText(request: string, content: string): string {
  let s = `${request} ${content}`.toLowerCase().slice(0, MAX_MATTER_CHARS);
  for (const w of BOILERPLATE) s = s.split(w).join(' ');
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Bigrams within each run of characters (never across a removed word or punctuation). */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const part of s.split(' ')) {
    const chars = Array.from(part);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Overlap coefficient of the bigram sets (Dice when one text is very short), 0…1. */
export function matterSimilarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.size === 0 || B.size === 0) return 0;
  let shared = 0;
  for (const g of A) if (B.has(g)) shared++;
  const smaller = Math.min(A.size, B.size);
  return smaller < MIN_BIGRAMS_FOR_OVERLAP ? (2 * shared) / (A.size + B.size) : shared / smaller;
}

export interface RepeatCandidate {
  id: string;
  caseNo: string;
  citizenId: string | null;
  idNumberHash: string;
  matterText: string;
  registeredAt: Date;
}

/** Earlier cases the new one repeats, oldest first. */
export function findRepeats(
  fresh: { citizenId: string | null; idNumberHash: string; matterText: string; excludeId?: string },
  earlier: RepeatCandidate[],
): RepeatCandidate[] {
  return earlier
    .filter((c) => c.id !== fresh.excludeId)
    .filter((c) => c.idNumberHash === fresh.idNumberHash || (!!fresh.citizenId && c.citizenId === fresh.citizenId))
    .filter((c) => matterSimilarity(c.matterText, fresh.matterText) >= REPEAT_SIMILARITY_THRESHOLD)
    .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
}
