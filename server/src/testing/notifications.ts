import { randomBytes } from 'node:crypto';
import { signAccessToken } from '../http/auth.js';
import type { TestServer } from './harness.js';

/** Test-only: a mini-program resident (source weapp, a unique openid) and their token. */
export async function makeWeappResident(t: TestServer): Promise<{ id: string; openid: string; token: string }> {
  const openid = `openid-${randomBytes(6).toString('hex')}`;
  const c = await t.deps.models.Citizen.create({ openid, source: 'weapp', nickname: '' });
  return { id: String(c._id), openid, token: signAccessToken(t.deps.config.JWT_SECRET, 'citizen', String(c._id)) };
}

/** The bureau's suggested templates (ids as WeChat would issue them). */
export const TEMPLATES = {
  accepted: 'TPL_ACCEPTED_0000000000000000000000000000001',
  resolved: 'TPL_RESOLVED_0000000000000000000000000000002',
  rejected: 'TPL_REJECTED_0000000000000000000000000000003',
};

export const TEMPLATE_CONFIG = [
  { event: 'ticket.accepted', templateId: TEMPLATES.accepted, page: 'packages/reports/pages/detail/index', fields: { character_string1: 'trackingNo', thing2: 'categoryName', phrase3: 'statusLabel', time4: 'eventTime' } },
  { event: 'ticket.rejected', templateId: TEMPLATES.rejected, page: 'packages/reports/pages/detail/index', fields: { character_string1: 'trackingNo', thing2: 'reason', phrase3: '不予立案' } },
  { event: 'ticket.resolved', templateId: TEMPLATES.resolved, page: 'packages/reports/pages/detail/index', fields: { character_string1: 'trackingNo', thing2: 'reply', thing3: '请对处理结果进行评价' } },
];
