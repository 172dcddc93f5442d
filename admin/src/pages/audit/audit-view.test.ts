import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../services/types';
import { actorText, detailFields, targetPath, targetText } from './audit-view';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '1', actor: { kind: 'staff', id: 'u1', name: '调度员甲' }, action: 'ticket.accept', targetType: 'ticket',
  targetId: '0123456789abcdef01234567', ip: '10.0.0.1', details: {}, at: '2026-12-03T02:00:00.000Z', ...over,
});

describe('audit entries in words', () => {
  it('the record by its human name, linked to its page when it has one', () => {
    const e = entry({ details: { trackingNo: 'YY20261203-000001' } });
    expect(targetText(e)).toBe('工单 YY20261203-000001');
    expect(targetPath(e)).toBe('/tickets/0123456789abcdef01234567');
    expect(targetPath(entry({ targetType: 'ticket', targetId: 'T-E2E' }))).toBeNull();
    expect(targetPath(entry({ targetType: 'reply_template' }))).toBe('/templates');
    expect(actorText(entry({ actor: { kind: 'system', id: '', name: '' } }))).toBe('系统');
  });

  it('details as labelled fields in reading order, states and channels in words', () => {
    expect(detailFields({ to: 'accepted', from: 'submitted', trackingNo: 'YY1', channel: 'visit', changed: ['title', 'text'], zzz: 1 })).toEqual([
      { label: '工单编号', value: 'YY1' },
      { label: '原状态', value: '待受理' },
      { label: '新状态', value: '已立案' },
      { label: '修改的字段', value: '标题、text' },
      { label: '渠道', value: '来访' },
      { label: 'zzz', value: '1' },
    ]);
  });
});
