/**
 * The same ID number under another name: either a typing error at registration or someone filing in
 * another person's name. Registration flags it on the new case so the officer checks the ID card; it
 * does not refuse the case (the 信访 office must register what it receives).
 */

export const MAX_NAME_CONFLICTS = 5;

export interface NameConflict {
  id: string;
  caseNo: string;
  name: string;
}

/** Names compared without spaces and with one form of the middle dot (少数民族 names: 阿卜杜·热合曼). */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[·•・‧]/g, '·');
  return norm(a) === norm(b);
}

/**
 * Earlier cases of this ID number whose petitioner has a different name: one per distinct name (the
 * newest case of each, as given), at most MAX_NAME_CONFLICTS.
 */
export function nameConflicts(
  name: string,
  idNumberHash: string,
  earlier: readonly { id: string; caseNo: string; idNumberHash: string; name: string; registeredAt: Date }[],
): NameConflict[] {
  const out: NameConflict[] = [];
  const newestFirst = [...earlier].sort((a, b) => b.registeredAt.getTime() - a.registeredAt.getTime());
  for (const c of newestFirst) {
    if (c.idNumberHash !== idNumberHash || !c.name || sameName(c.name, name)) continue;
    if (out.some((o) => sameName(o.name, c.name))) continue;
    out.push({ id: c.id, caseNo: c.caseNo, name: c.name });
    if (out.length >= MAX_NAME_CONFLICTS) break;
  }
  return out;
}
