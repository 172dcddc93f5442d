/**
 * Where a ticket came from. Residents file in the mini-program / H5 (`miniapp`), partner systems through
 * Open311 (`open311`, named by their API key); everything else is entered by staff at the intake desk
 * (新建工单): public calls, 12345 hotline work orders (转办), patrol findings and letters. No zod here: the
 * console imports this file.
 */

/** What the intake desk (受理员, 指挥中心调度员) may enter, in the order the form offers them. */
export const INTAKE_CHANNELS = ['phone', 'hotline12345', 'patrol', 'letter', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export const TICKET_SOURCE_CHANNELS = ['miniapp', 'open311', ...INTAKE_CHANNELS] as const;
export type TicketSourceChannel = (typeof TICKET_SOURCE_CHANNELS)[number];

export const SOURCE_CHANNEL_LABELS: Readonly<Record<TicketSourceChannel, string>> = {
  miniapp: '市民随手拍',
  open311: 'Open311 接口',
  phone: '来电',
  hotline12345: '12345转办',
  patrol: '巡查上报',
  letter: '来信',
  other: '其他',
};

/** What the 12345 number (or a letter's 文号) is called on the form and in the views. */
export const EXTERNAL_NO_LABEL = '外部单号（12345 工单号等）';

export function isIntakeChannel(c: string): c is IntakeChannel {
  return (INTAKE_CHANNELS as readonly string[]).includes(c);
}

/** The 考核 上报数 split: 市民随手拍 / Open311 / 工作人员录入 (every intake channel). */
export function sourceGroupOf(channel: TicketSourceChannel): 'resident' | 'open311' | 'staff' {
  if (channel === 'miniapp') return 'resident';
  if (channel === 'open311') return 'open311';
  return 'staff';
}

/** "12345转办 · 2026120100123", "Open311 接口 · 12345热线平台", "市民随手拍". */
export function sourceLabel(s: { channel: TicketSourceChannel; externalNo?: string; openApiKeyName?: string }): string {
  const extra = s.externalNo ?? s.openApiKeyName;
  return extra ? `${SOURCE_CHANNEL_LABELS[s.channel]} · ${extra}` : SOURCE_CHANNEL_LABELS[s.channel];
}
