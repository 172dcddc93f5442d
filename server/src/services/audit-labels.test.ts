import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActionLabel } from '@cgt/shared/audit/labels';

/** Every audit action the server writes reads as words on the console's audit page. */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'testing' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit action labels', () => {
  const written = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit|auditTemplate|action:/.test(text)) continue;
    for (const m of text.matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'/g)) written.add(m[1]!);
    // helpers that take the action as an argument: auditTemplate(deps, by, ip, 'reply_template.create', …)
    for (const m of text.matchAll(/audit\w*\([^)]*?'([a-z_]+\.[a-z_]+(?:\.[a-z_]+)*)'/g)) written.add(m[1]!);
  }

  it('the scan finds the server\'s audit actions', () => {
    expect(written.size).toBeGreaterThan(30);
    expect(written).toContain('complaint.register');
    expect(written).toContain('reply_template.create');
  });

  it('each has a Chinese label', () => {
    const unlabelled = [...written].filter((a) => auditActionLabel(a) === a);
    expect(unlabelled).toEqual([]);
  });

  it('ticket and 信访 actions built from the state machines read as words too', () => {
    expect(auditActionLabel('ticket.accept')).toBe('工单立案');
    expect(auditActionLabel('ticket.approve_extension')).toBe('工单批准延期');
    expect(auditActionLabel('complaint.assign')).toBe('信访件交办承办单位');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });
});
