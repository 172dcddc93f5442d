/**
 * Choosing the department for a located report: pure, so the precedence can be tested cell by cell.
 *
 * Precedence (first difference decides):
 *   1. scope: a rule of the functional zone beats a rule of the county-level district (zones override);
 *   2. specificity: exact category code (5 digits) > category group (2 digits) > '*' (any category);
 *   3. priority: higher number first;
 *   4. rule id, so equal rules still give one stable answer.
 * Rules whose department is inactive or unknown are skipped (a disbanded unit must not receive tickets).
 */

export const ANY_CATEGORY = '*';

export interface RuleCandidate {
  id: string;
  scopeCode: string;
  /** a 5-digit category code, a 2-digit group code, or '*' */
  categoryCode: string;
  departmentId: string;
  priority: number;
}

export interface RuleQuery {
  districtCode: string;
  zoneCode: string | null;
  /** undefined: no category known yet, only '*' rules apply */
  categoryCode?: string | undefined;
}

/** 3 = exact code, 2 = group, 1 = any, 0 = does not apply */
export function specificity(ruleCategory: string, categoryCode: string | undefined): number {
  if (ruleCategory === ANY_CATEGORY) return 1;
  if (!categoryCode) return 0;
  if (ruleCategory === categoryCode) return 3;
  if (ruleCategory.length === 2 && categoryCode.startsWith(ruleCategory)) return 2;
  return 0;
}

export function chooseRule<R extends RuleCandidate>(rules: readonly R[], q: RuleQuery, isActiveDepartment: (id: string) => boolean): R | null {
  let best: R | null = null;
  let bestKey: [number, number, number] | null = null;
  for (const r of rules) {
    const scope = q.zoneCode && r.scopeCode === q.zoneCode ? 2 : r.scopeCode === q.districtCode ? 1 : 0;
    if (scope === 0) continue;
    const spec = specificity(r.categoryCode, q.categoryCode);
    if (spec === 0 || !isActiveDepartment(r.departmentId)) continue;
    const key: [number, number, number] = [scope, spec, r.priority];
    if (!bestKey || better(key, r.id, bestKey, best!.id)) {
      best = r;
      bestKey = key;
    }
  }
  return best;
}

function better(k: [number, number, number], id: string, bk: [number, number, number], bid: string): boolean {
  for (let i = 0; i < 3; i++) if (k[i] !== bk[i]) return (k[i] ?? 0) > (bk[i] ?? 0);
  return id < bid;
}

/** Validates a rule's category field: '*', a 2-digit group or a 5-digit code. */
export function isRuleCategory(v: string): boolean {
  return v === ANY_CATEGORY || /^\d{2}$/.test(v) || /^\d{5}$/.test(v);
}
