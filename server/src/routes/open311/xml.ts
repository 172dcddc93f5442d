import type { Open311Object, Open311Value } from '../../presenters/open311.js';

/**
 * The XML form of the Open311 answers (XML is the reference format of GeoReport v2; JSON is its
 * mechanical mapping). A list is a root element with one child element per item; an array inside an
 * item becomes a wrapper element with singular children (attributes → attribute, values → value, …).
 */

const SINGULAR: Readonly<Record<string, string>> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  services: 'service',
  service_requests: 'request',
  errors: 'error',
};

export function escapeXml(s: string): string {
  // characters XML 1.0 forbids are dropped; the five specials escaped
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: Open311Value): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = SINGULAR[name] ?? 'item';
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  }
  const text = escapeXml(String(value));
  return text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`;
}

/** A whole document: `root` holds either the object's fields or, for a list, one `item` element each. */
export function toXml(root: string, body: Open311Object | (Open311Object | string)[]): string {
  const inner = Array.isArray(body)
    ? body.map((v) => element(SINGULAR[root] ?? 'item', v as Open311Value)).join('')
    : Object.entries(body).map(([k, v]) => element(k, v)).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${inner}</${root}>\n`;
}
