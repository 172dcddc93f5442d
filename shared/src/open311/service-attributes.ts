/**
 * Open311 GeoReport v2 service definitions: the extra facts some categories ask for (GET
 * /services/{code}, `metadata: true` in /services), and the check of the `attribute[code]` values a
 * client sends with POST /requests. Pure data and rules; the server stores the checked values on the ticket.
 */

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface ServiceAttribute {
  code: string;
  /** true: the client shows it as an input; false: an informational text only */
  variable: boolean;
  datatype: AttributeDatatype;
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
  /** for number: inclusive bounds */
  min?: number;
  max?: number;
}

const MANHOLE: ServiceAttribute[] = [
  {
    code: 'cover_condition',
    variable: true,
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: '选择一项',
    order: 1,
    description: '井盖情况',
    values: [
      { key: 'missing', name: '缺失' },
      { key: 'broken', name: '破损' },
      { key: 'loose', name: '松动' },
    ],
  },
];

const FLOODING: ServiceAttribute[] = [
  {
    code: 'water_depth_cm',
    variable: true,
    datatype: 'number',
    required: false,
    datatype_description: '积水深度，单位厘米（0–300）',
    order: 1,
    description: '积水深度（厘米）',
    min: 0,
    max: 300,
  },
  {
    code: 'affects',
    variable: true,
    datatype: 'multivaluelist',
    required: false,
    datatype_description: '可选多项',
    order: 2,
    description: '影响范围',
    values: [
      { key: 'road', name: '车行道' },
      { key: 'sidewalk', name: '人行道' },
      { key: 'building', name: '建筑物或地下室' },
    ],
  },
];

/** By category code (the 5-digit service_code). Categories not listed need no extra facts. */
export const SERVICE_ATTRIBUTES: Readonly<Record<string, readonly ServiceAttribute[]>> = {
  '01001': MANHOLE,
  '01002': MANHOLE,
  '01003': MANHOLE,
  '01011': MANHOLE,
  '90001': FLOODING,
};

export function attributesOf(serviceCode: string): readonly ServiceAttribute[] {
  return SERVICE_ATTRIBUTES[serviceCode] ?? [];
}

/** One checked attribute as the ticket stores it: the code, its label, the keys and their display text. */
export interface CheckedAttribute {
  code: string;
  label: string;
  /** comma-joined keys (multivaluelist) or the value as given */
  value: string;
  /** what a person reads, e.g. 缺失, or 35 */
  text: string;
}

export interface AttributeProblem {
  field: string;
  message: string;
}

/**
 * Checks the submitted `attribute[...]` values against the service's definition. Unknown codes are
 * problems too (a client that sends them has a stale definition). Returns the values or every problem.
 */
export function checkAttributes(
  serviceCode: string,
  given: Readonly<Record<string, string | string[]>>,
): { ok: true; values: CheckedAttribute[] } | { ok: false; problems: AttributeProblem[] } {
  const defs = attributesOf(serviceCode);
  const problems: AttributeProblem[] = [];
  const values: CheckedAttribute[] = [];
  const known = new Set(defs.map((d) => d.code));
  for (const code of Object.keys(given)) {
    if (!known.has(code)) problems.push({ field: `attribute[${code}]`, message: `该服务没有属性 ${code}` });
  }
  for (const d of defs.filter((x) => x.variable)) {
    const field = `attribute[${d.code}]`;
    const raw = given[d.code];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (list.length === 0) {
      if (d.required) problems.push({ field, message: `必填：${d.description}` });
      continue;
    }
    if (d.datatype !== 'multivaluelist' && list.length > 1) {
      problems.push({ field, message: `${d.description}只能填一个值` });
      continue;
    }
    if (d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist') {
      const names = new Map((d.values ?? []).map((v) => [v.key, v.name]));
      const bad = list.filter((v) => !names.has(v));
      if (bad.length) {
        problems.push({ field, message: `${d.description}的取值应为 ${[...names.keys()].join('、')} 之一` });
        continue;
      }
      const keys = [...new Set(list)];
      values.push({ code: d.code, label: d.description, value: keys.join(','), text: keys.map((k) => names.get(k)!).join('、') });
      continue;
    }
    const v = list[0]!;
    if (d.datatype === 'number') {
      const n = Number(v);
      if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || (d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
        problems.push({ field, message: `${d.description}应为 ${d.min ?? '-∞'}–${d.max ?? '∞'} 之间的数字` });
        continue;
      }
      values.push({ code: d.code, label: d.description, value: String(n), text: String(n) });
      continue;
    }
    if (v.length > 500) {
      problems.push({ field, message: `${d.description}最多 500 个字` });
      continue;
    }
    values.push({ code: d.code, label: d.description, value: v, text: v });
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}
