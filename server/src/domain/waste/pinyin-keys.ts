import { pinyin } from 'pinyin-pro';

/** The pinyin forms a name can be found by (computed once per name when the index is built). */
export interface PinyinKey {
  /** full pinyin without tones or separators, ü written v: 西瓜皮 → xiguapi */
  full: string;
  /** offsets in `full` where a syllable starts (a pinyin query may start at any of them: guapi) */
  starts: number[];
  /** first letter of each syllable: xgp */
  initials: string;
  /** zh/ch/sh kept as two letters, as many lookup apps do: 纸箱 → zhx */
  initials2: string;
}

const WORD = /^[a-z0-9]+$/;

/** Syllables of a (normalised) text: one per hanzi, one per Latin letter or digit; punctuation dropped. */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const s of pinyin(text, { toneType: 'none', type: 'array', v: true })) {
    const t = s.toLowerCase();
    if (WORD.test(t)) out.push(t);
  }
  return out;
}

export function pinyinKey(text: string): PinyinKey {
  const syl = syllables(text);
  const starts: number[] = [];
  let full = '';
  let initials = '';
  let initials2 = '';
  for (const s of syl) {
    starts.push(full.length);
    full += s;
    initials += s[0];
    initials2 += /^[zcs]h/.test(s) ? s.slice(0, 2) : s[0];
  }
  return { full, starts, initials, initials2 };
}

/** Full pinyin of a query (no separators). */
export function pinyinOf(text: string): string {
  return syllables(text).join('');
}
