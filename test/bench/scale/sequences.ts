/**
 * 信访 case numbers for the seeded cases, drawn from the server's own sequence so that the next number the
 * live path hands out follows them (case numbers run per year, and this year's cases are seeded too).
 * The kernel's db/sequence.ts (nextCaseNo) is used when it is there; before it landed, db/cas.ts
 * nextSequence was the sequence. Imported by a computed path so this file type-checks with either.
 *
 * Tracking numbers need none of this: seeded tickets are filed on days before today only (plan.ts), and
 * the live path numbers only today's reports, so they cannot collide whatever the sequence's layout.
 */
import { caseYear, formatCaseNo } from '@cgt/shared/complaint/case-no';
import type { Models } from '../../../server/src/models/index.js';

type CaseNumberer = (at: Date) => Promise<string>;

export async function caseNumberer(models: Models): Promise<{ next: CaseNumberer; source: string }> {
  const dir = '../../../server/src/db/';
  try {
    const mod = (await import(dir + 'sequence.js')) as { nextCaseNo?: (m: Models, at: Date) => Promise<string> };
    if (mod.nextCaseNo) return { next: (at) => mod.nextCaseNo!(models, at), source: 'db/sequence.ts nextCaseNo' };
  } catch {
    /* not there yet */
  }
  const cas = (await import(dir + 'cas.js')) as { nextSequence: (m: Models, key: string, now: Date) => Promise<number> };
  return { next: async (at) => formatCaseNo(at, await cas.nextSequence(models, `complaint:${caseYear(at)}`, new Date())), source: 'db/cas.ts nextSequence' };
}

/** Numbers for `dates` in their order, drawn `concurrency` at a time (the sequence keeps them distinct). */
export async function drawAll(next: CaseNumberer, dates: Date[], concurrency = 8): Promise<string[]> {
  const out = new Array<string>(dates.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < dates.length) {
        const j = i++;
        out[j] = await next(dates[j]!);
      }
    }),
  );
  return out;
}
