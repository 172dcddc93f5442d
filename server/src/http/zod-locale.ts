import { z } from 'zod';

type Issue = Parameters<NonNullable<ReturnType<typeof z.locales.zhCN>['localeError']>>[0];

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是/否（true 或 false）',
  date: '日期时间',
  array: '列表',
  object: '对象',
  record: '对象',
  tuple: '列表',
  map: '对象',
  set: '列表',
  file: '文件',
  literal: '固定值',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  uuid: 'UUID',
  datetime: 'ISO 8601 日期时间（如 2026-03-01T08:00:00+08:00）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:mm）',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  base64: 'Base64 编码',
  jwt: 'JWT',
};

const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');

function when(limit: unknown): string {
  const d = limit instanceof Date ? limit : new Date(Number(limit));
  return Number.isNaN(d.getTime()) ? String(limit) : d.toISOString();
}

/**
 * Our wording of zod's issues: zod's zh-CN locale prints its type names and operators
 * ("无效输入：期望 date，实际接收 Date", "数值过大：期望 string <=64 字符"), which a resident cannot read.
 * Anything not listed here falls back to that locale.
 */
export function chineseIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必填';
      if (issue.expected === 'date' && issue.input instanceof Date) return '不是有效的日期时间';
      if (issue.input === null) return '不能为空值（null）';
      const name = TYPE_NAMES[issue.expected];
      return name ? `应为${name}` : '类型不正确';
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `长度不能超过 ${max} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'file') return `不能超过 ${max} 字节`;
      if (issue.origin === 'date') return issue.inclusive ? `不能晚于 ${when(max)}` : `应早于 ${when(max)}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
      return undefined;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') return Number(min) <= 1 ? '不能为空' : `长度不能少于 ${min} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      if (issue.origin === 'file') return `不能少于 ${min} 字节`;
      if (issue.origin === 'date') return issue.inclusive ? `不能早于 ${when(min)}` : `应晚于 ${when(min)}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      return undefined;
    }
    case 'invalid_format': {
      if (issue.format === 'regex') return '格式不正确';
      if (issue.format === 'starts_with') return `应以“${(issue as { prefix?: string }).prefix}”开头`;
      if (issue.format === 'ends_with') return `应以“${(issue as { suffix?: string }).suffix}”结尾`;
      if (issue.format === 'includes') return `应包含“${(issue as { includes?: string }).includes}”`;
      const name = FORMAT_NAMES[issue.format];
      return name ? `应为${name}` : '格式不正确';
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${list(issue.values)}` : `应为以下之一：${list(issue.values)}`;
    case 'not_multiple_of':
      return Number(issue.divisor) === 1 ? '应为整数' : `应为 ${issue.divisor} 的倍数`;
    case 'unrecognized_keys':
      return `不支持的字段：${list(issue.keys)}`;
    case 'invalid_union':
      return '格式不正确';
    default:
      return undefined;
  }
}

let installed = false;
/** zod's messages in Chinese: our API speaks Chinese to every client. */
export function installZodLocale(): void {
  if (installed) return;
  const fallback = z.locales.zhCN().localeError!;
  z.config({ localeError: (issue) => chineseIssueMessage(issue) ?? fallback(issue) });
  installed = true;
}
