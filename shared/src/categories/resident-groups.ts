/**
 * How residents look for a problem type: by what they see on the street, not by the standard's major
 * classes (部件-公用设施 / 事件-市容环境 / 本地扩展 stay the staff grouping in seed.ts, CATEGORY_GROUPS).
 * A category the catalogue gains later falls into the group of its major class, or 其他.
 */

export interface ResidentGroup {
  id: string;
  label: string;
}

/** In the order the picker shows them. */
export const RESIDENT_CATEGORY_GROUPS: readonly ResidentGroup[] = [
  { id: 'safety', label: '燃气与安全隐患' },
  { id: 'road', label: '道路设施' },
  { id: 'clean', label: '环境卫生' },
  { id: 'street', label: '占道与摆摊' },
  { id: 'parking', label: '停车与通行' },
  { id: 'building', label: '施工与噪声' },
  { id: 'ads', label: '广告招牌' },
  { id: 'other', label: '其他' },
];

/** The seeded categories, placed by hand where their major class would mislead. */
const BY_CODE: Readonly<Record<string, string>> = {
  '01001': 'road', '01002': 'road', '01003': 'road', '01037': 'road',
  '01011': 'safety', '01049': 'safety', '01057': 'safety', '90003': 'safety', '90005': 'safety', '09012': 'safety',
  '02001': 'parking', '09010': 'parking', '09011': 'parking',
  '06010': 'clean', '06011': 'clean', '06014': 'clean', '90004': 'clean',
  '06013': 'road', '90001': 'road',
  '06028': 'building', '08001': 'building', '08004': 'building', '08005': 'building',
  '06029': 'street', '09001': 'street', '09005': 'street', '09006': 'street',
  '07001': 'ads', '07003': 'ads',
  '90002': 'other',
};

/** Major class → resident group, for categories not listed above. */
const BY_MAJOR: Readonly<Record<string, string>> = {
  '01': 'road', '02': 'parking', '06': 'clean', '07': 'ads', '08': 'building', '09': 'street',
};

const LABEL: ReadonlyMap<string, string> = new Map(RESIDENT_CATEGORY_GROUPS.map((g) => [g.id, g.label]));
const ORDER: ReadonlyMap<string, number> = new Map(RESIDENT_CATEGORY_GROUPS.map((g, i) => [g.id, i]));

export function residentGroupOf(code: string): ResidentGroup {
  const id = BY_CODE[code] ?? BY_MAJOR[code.slice(0, 2)] ?? 'other';
  return { id, label: LABEL.get(id) ?? '其他' };
}

/** Categories grouped for the resident picker, groups in RESIDENT_CATEGORY_GROUPS order, items in input order. */
export function groupForResidents<T extends { code: string }>(list: readonly T[]): Array<{ group: string; label: string; items: T[] }> {
  const groups = new Map<string, { group: string; label: string; items: T[] }>();
  for (const c of list) {
    const g = residentGroupOf(c.code);
    let row = groups.get(g.id);
    if (!row) groups.set(g.id, (row = { group: g.id, label: g.label, items: [] }));
    row.items.push(c);
  }
  return [...groups.values()].sort((a, b) => (ORDER.get(a.group) ?? 99) - (ORDER.get(b.group) ?? 99));
}
