/**
 * Text normalisation shared by the index (names, aliases) and the queries, so that full-width and
 * half-width forms, letter case and stray spaces never decide whether something matches.
 */

const HANZI = /[\u3400-\u9fff\uf900-\ufaff]/;
const WHITESPACE = /\s+/g;
/** "电池是什么垃圾？" → "电池": residents type the question, the list holds the item */
const QUESTION_SUFFIX = /(是|属于|算|算是)?(什么|哪类|哪种|哪一类|啥)(类)?垃圾[吗呢啊]?[?？!！。.]*$/;
const TRAILING_PUNCT = /[?？!！。.,，、;；]+$/;

/** NFKC (full-width → ASCII, compatibility ideographs → unified), lower case, no whitespace, ü → v. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(WHITESPACE, '').replace(/ü/g, 'v');
}

/** A query as typed → the text to look up (question phrasing and trailing punctuation dropped). */
export function normalizeQuery(s: string): string {
  const t = normalizeText(s).replace(QUESTION_SUFFIX, '').replace(TRAILING_PUNCT, '');
  return t || normalizeText(s);
}

export function hasHanzi(s: string): boolean {
  return HANZI.test(s);
}

/** Only ASCII letters/digits: typed pinyin, pinyin initials, or a Latin name such as "cpu". */
export function isAsciiWord(s: string): boolean {
  return /^[a-z0-9]+$/.test(s);
}

/**
 * What a miss is stored as: the normalised query with long digit runs masked, so a phone or ID
 * number typed into the box by mistake is never kept (the miss list stores nothing else).
 */
export function anonymiseMiss(normalisedQuery: string): string {
  return normalisedQuery.replace(/\d{5,}/g, '#');
}
