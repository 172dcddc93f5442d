import { Image, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TimelineEntry } from '../../../services/types';
import { SATISFACTION_LABELS, statusLabel, timelineLabel } from '../labels';

const ACTOR_KINDS: Record<string, string> = {
  citizen: '上报人',
  system: '系统',
  staff: '工作人员',
  anonymous: '匿名',
};

type Entry = TimelineEntry;

/** 处理过程: every transition and event in time order, who, and why. */
export function TicketTimeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  const sorted = [...entries].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return (
    <Timeline
      items={sorted.map((e, i) => {
        const kind = e.type;
        const danger = ['rejected', 'reworked', 'returned', 'overdue', 'supervised'].includes(kind);
        const kindLabel = e.actor?.kind ? ACTOR_KINDS[e.actor.kind] : undefined;
        // staff: the person and the unit acted for (a district's 指挥分中心, the department, …)
        const unit = e.actor?.kind === 'staff' && e.actor.unit && e.actor.unit !== e.actor.name ? `（${e.actor.unit}）` : '';
        const who = e.actor?.name ? `${e.actor.name}${unit}${kindLabel && e.actor.kind !== 'staff' ? `（${kindLabel}）` : ''}` : kindLabel;
        return {
          key: `${e.at}-${i}`,
          color: danger ? 'red' : i === sorted.length - 1 ? 'blue' : 'gray',
          children: (
            <div data-testid="timeline-item">
              <Typography.Text strong>{e.label ?? timelineLabel(kind)}</Typography.Text>
              {e.toStatus && statusLabel(e.toStatus) !== (e.label ?? timelineLabel(kind)) ? (
                <Typography.Text type="secondary">（→ {statusLabel(e.toStatus)}）</Typography.Text>
              ) : null}
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
                {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                {who ? ` · ${who}` : ''}
              </div>
              {e.departmentName ? <div>派往：{e.departmentName}</div> : null}
              {e.reason ? <div>原因：{e.reason}</div> : null}
              {e.reply ? <div>回复：{e.reply}</div> : null}
              {e.satisfaction ? <div>评价：{SATISFACTION_LABELS[e.satisfaction] ?? e.satisfaction}</div> : null}
              {e.duplicateOf ? <div>重复工单，关联原工单 {e.duplicateOf}</div> : null}
              {e.deadline ? <div style={{ color: '#cf1322' }} data-testid="timeline-supervise-deadline">督办期限：{dayjs(e.deadline).format('YYYY-MM-DD HH:mm')}</div> : null}
              {e.note ? <div style={{ color: 'rgba(0,0,0,0.65)' }}>{kind === 'supervised' ? '督办意见' : '备注'}：{e.note}</div> : null}
              {e.photos && e.photos.length > 0 ? (
                <Image.PreviewGroup>
                  {e.photos.map((p) => (
                    <Image key={p.id} src={p.thumbnailUrl ?? p.url} preview={{ src: p.url }} width={56} height={56} style={{ objectFit: 'cover', marginRight: 4 }} />
                  ))}
                </Image.PreviewGroup>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
