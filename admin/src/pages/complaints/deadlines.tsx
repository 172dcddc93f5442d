import { Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ComplaintDeadlines, Due } from '../../services/complaints';
import { daysText, dueColor } from './due';

export { daysText, dueColor };

/** Chinese names of the deadlines (office) and appeal windows (petitioner). */
export const DUE_LABELS: Record<Due['kind'], string> = {
  accept: '受理',
  conclude: '办结',
  review: '复查',
  recheck: '复核',
  review_request: '申请复查',
  recheck_request: '申请复核',
};

const ROWS: { key: keyof ComplaintDeadlines; kind: Due['kind'] }[] = [
  { key: 'acceptBy', kind: 'accept' },
  { key: 'concludeBy', kind: 'conclude' },
  { key: 'reviewRequestBy', kind: 'review_request' },
  { key: 'reviewBy', kind: 'review' },
  { key: 'recheckRequestBy', kind: 'recheck_request' },
  { key: 'recheckBy', kind: 'recheck' },
];

/** The running deadline as a coloured countdown tag (red when overdue, orange within 3 days). */
export function DueTag({ due, prefix }: { due: Due | null; prefix?: string }) {
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={`${DUE_LABELS[due.kind]}期限：${dayjs(due.at).format('YYYY-MM-DD')}`}>
      <Tag color={dueColor(due)} data-testid="due-tag">
        {prefix ?? ''}
        {DUE_LABELS[due.kind]} {daysText(due)}
      </Tag>
    </Tooltip>
  );
}

/** Every deadline of a case (受理/办结/复查/复核 and the appeal windows), the running one highlighted. */
export function DeadlineList({ deadlines, due, window, compact = false }: { deadlines: ComplaintDeadlines; due: Due | null; window?: Due | null; compact?: boolean }) {
  const now = dayjs();
  const rows = ROWS.filter((r) => deadlines[r.key]);
  return (
    <Space direction={compact ? 'vertical' : 'horizontal'} size={compact ? 0 : 16} wrap>
      {rows.map((r) => {
        const at = dayjs(deadlines[r.key]!);
        const running = due?.kind === r.kind ? due : window?.kind === r.kind ? window : null;
        const past = at.isBefore(now);
        return (
          <span key={r.key} style={{ fontSize: compact ? 12 : undefined, whiteSpace: 'nowrap' }}>
            <Typography.Text type={running ? undefined : 'secondary'} strong={!!running} style={running?.overdue ? { color: '#cf1322' } : undefined}>
              {DUE_LABELS[r.kind]} {at.format(compact ? 'MM-DD' : 'YYYY-MM-DD')}
            </Typography.Text>
            {running && !compact && <Typography.Text style={{ marginLeft: 4, color: running.overdue ? '#cf1322' : running.dueSoon ? '#d46b08' : undefined }}>（{daysText(running)}）</Typography.Text>}
            {!running && past && !compact && <Typography.Text type="secondary">（已过）</Typography.Text>}
          </span>
        );
      })}
    </Space>
  );
}
