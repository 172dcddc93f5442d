import { createHmac, timingSafeEqual } from 'node:crypto';
import { WASTE_CATEGORY_IDS, type WasteCategoryId } from '@cgt/shared/schemas/waste';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * The quiz is stateless: the quizId carries the question ids, the issue time and an HMAC over both.
 * Choosing this over a stored quiz means no collection to expire and no write per quiz, and any
 * server instance can mark any quiz; the cost is that a quiz can be re-submitted until it expires,
 * which is harmless for a learning quiz that awards nothing. The answers are never in the quizId
 * (it is signed, not encrypted): they are looked up when the answers are marked.
 */

const VERSION = 1;
/** a quiz is answerable for a day; older ids are refused as expired */
export const QUIZ_TTL_S = 24 * 3600;
const OBJECT_ID = OBJECT_ID_RE;
const SIG_BYTES = 16;

export type QuizTokenError = 'malformed' | 'bad_signature' | 'expired';

/** Separate key per purpose: the quiz signature can never be replayed as (or forged from) a JWT. */
function quizKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('cgt:waste-quiz:v1').digest();
}

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', quizKey(secret)).update(payload).digest().subarray(0, SIG_BYTES);
}

/** ids are Mongo ObjectIds (24 hex): 12 bytes each keeps a 30-question id under 600 characters. */
export function signQuiz(secret: string, ids: string[], issuedAt: Date): string {
  if (ids.some((id) => !OBJECT_ID.test(id))) throw new Error('quiz ids must be ObjectId hex strings');
  const payload = Buffer.alloc(1 + 4 + ids.length * 12);
  payload.writeUInt8(VERSION, 0);
  payload.writeUInt32BE(Math.floor(issuedAt.getTime() / 1000), 1);
  ids.forEach((id, i) => Buffer.from(id, 'hex').copy(payload, 5 + i * 12));
  return `${payload.toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

export function verifyQuiz(secret: string, quizId: string, now: Date): { ids: string[]; issuedAt: Date } | { error: QuizTokenError } {
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(quizId);
  if (!m) return { error: 'malformed' };
  const payload = Buffer.from(m[1]!, 'base64url');
  const sig = Buffer.from(m[2]!, 'base64url');
  if (payload.length < 5 || (payload.length - 5) % 12 !== 0 || payload.readUInt8(0) !== VERSION) return { error: 'malformed' };
  const want = mac(secret, payload);
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return { error: 'bad_signature' };
  const issuedAt = new Date(payload.readUInt32BE(1) * 1000);
  const age = (now.getTime() - issuedAt.getTime()) / 1000;
  if (age > QUIZ_TTL_S || age < -300) return { error: 'expired' };
  const ids: string[] = [];
  for (let off = 5; off < payload.length; off += 12) ids.push(payload.subarray(off, off + 12).toString('hex'));
  return { ids, issuedAt };
}

/**
 * n items spread as evenly as the four categories allow (n=10 → 3/3/2/2, the extra ones going to
 * random categories), then shuffled. A category with too few items gives its share to the others.
 */
export function pickBalanced<T>(byCategory: Record<WasteCategoryId, T[]>, n: number, random: () => number = Math.random): T[] {
  const cats = shuffle([...WASTE_CATEGORY_IDS], random);
  const want = new Map<WasteCategoryId, number>(cats.map((c, i) => [c, Math.floor(n / 4) + (i < n % 4 ? 1 : 0)]));
  // hand the shortfall of a thin category to the others (round robin)
  let spare = 0;
  for (const c of cats) {
    const have = byCategory[c].length;
    if (want.get(c)! > have) {
      spare += want.get(c)! - have;
      want.set(c, have);
    }
  }
  for (let guard = 0; spare > 0 && guard < n * 4; guard++) {
    const c = cats[guard % 4]!;
    if (want.get(c)! < byCategory[c].length) {
      want.set(c, want.get(c)! + 1);
      spare--;
    }
  }
  const out: T[] = [];
  for (const c of cats) out.push(...sample(byCategory[c], want.get(c)!, random));
  return shuffle(out, random);
}

function sample<T>(list: T[], k: number, random: () => number): T[] {
  // partial Fisher–Yates on index positions: O(k) without copying the whole category
  const picked = new Map<number, number>();
  const out: T[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (list.length - i));
    const vj = picked.get(j) ?? j;
    picked.set(j, picked.get(i) ?? i);
    out.push(list[vj]!);
  }
  return out;
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export interface CategoryText {
  zh: string;
  colorZh: string;
  descriptionZh: string;
  tipsZh: string[];
}

/** One or two sentences telling the resident where the item goes and how to put it out. */
export function explain(name: string, answer: WasteCategoryId | null, correct: WasteCategoryId, cats: Record<WasteCategoryId, CategoryText>): string {
  const c = cats[correct];
  const head = answer === correct ? `答对了！${name}属于${c.zh}` : answer ? `${name}不是${cats[answer].zh}，而是${c.zh}` : `${name}属于${c.zh}`;
  const tip = c.tipsZh[0] ? `投放提示：${c.tipsZh[0]}` : '';
  return `${head}，请投放到${c.colorZh}${c.zh}桶。${tip}`;
}
