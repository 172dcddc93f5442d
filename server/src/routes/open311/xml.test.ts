import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { escapeXml, toXml } from './xml.js';

describe('toXml', () => {
  it('lists become a root with singular children; nested arrays get wrapper elements', () => {
    const text = toXml('service_requests', [{ service_request_id: 'YY20261127-000001', status: 'open', lat: 29.1, empty: '' }]);
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    const root = doc.documentElement!;
    expect(root.tagName).toBe('service_requests');
    const req = root.getElementsByTagName('request')[0]!;
    expect(req.getElementsByTagName('service_request_id')[0]!.textContent).toBe('YY20261127-000001');
    expect(req.getElementsByTagName('lat')[0]!.textContent).toBe('29.1');
    expect(req.getElementsByTagName('empty')[0]!.textContent).toBe('');
    const def = toXml('service_definition', { service_code: '01001', attributes: [{ code: 'a', values: [{ key: 'k', name: '缺失' }] }] });
    const d = new DOMParser().parseFromString(def, 'text/xml').documentElement!;
    expect(d.getElementsByTagName('attribute')[0]!.getElementsByTagName('value')[0]!.getElementsByTagName('name')[0]!.textContent).toBe('缺失');
  });
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    const text = toXml('errors', [{ code: 400, description: '描述 <b>&</b> \u0000' }]);
    const e = new DOMParser().parseFromString(text, 'text/xml').documentElement!;
    expect(e.getElementsByTagName('description')[0]!.textContent).toBe('描述 <b>&</b> ');
  });
});
