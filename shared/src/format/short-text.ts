import { z } from 'zod';

/**
 * Short one-line fields (names, titles, car-park names, addresses…) are shown in lists, exports and
 * WeChat cards, where a control character, a NUL, a bidi override (U+202A–U+202E, U+2066–U+2069: text
 * that displays reversed, e.g. "gpj.exe") or a lone surrogate (not valid UTF-16, breaks exports and
 * XML) is never legitimate. Such input is refused; everything else is normalised to NFC so that one
 * name has one spelling (the same 姓名 typed on two keyboards compares equal).
 */
// no u flag on purpose: a surrogate pair is then two code units, which is what the lone-surrogate check needs
const UNSAFE_SHORT_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** true when `s` may be stored in a short field */
export function isSafeShortText(s: string): boolean {
  return !UNSAFE_SHORT_TEXT.test(s);
}

/**
 * The one schema of a short text field: trimmed, NFC, free of control / bidi-override characters and
 * lone surrogates. `label` names the field in the Chinese message. Chain `.min()` / `.max()` as usual.
 */
export function shortText(label: string, typeMessage?: string) {
  return z
    .string(typeMessage ? { message: typeMessage } : undefined)
    .trim()
    .refine(isSafeShortText, { message: `${label}不能包含控制字符、文字方向控制符或无效字符` })
    .normalize('NFC');
}
