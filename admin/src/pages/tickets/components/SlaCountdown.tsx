import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import dayjs from 'dayjs';
import { slaState } from '../sla';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** One shared 30 s clock for every countdown on the page. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    if (!timer) timer = setInterval(() => listeners.forEach((l) => l(Date.now())), 30_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}

/** 处置时限: deadline + countdown, red when overdue, orange when under 2 h. */
export function SlaCountdown({
  dueAt,
  overdue,
  done,
  workingHours,
  clock = 'working',
}: {
  dueAt?: string;
  overdue?: boolean;
  done?: boolean;
  /** The server's remainingWorkingHours (SLA counts working time: holidays and 调休 included). */
  workingHours?: number;
  /** what workingHours count: natural hours (urgent categories, 7×24) or working time */
  clock?: 'natural' | 'working';
}) {
  const unit = clock === 'natural' ? '小时（自然时间 7×24）' : '个工作小时';
  const basis = clock === 'natural' ? '按自然时间计' : '按工作时间计';
  const now = useNow();
  const state = slaState(dueAt, now, overdue, done);
  if (!state || !dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const type = state.overdue ? 'danger' : state.soon ? 'warning' : done ? 'secondary' : undefined;
  return (
    <div
      style={{ lineHeight: 1.3 }}
      title={
        workingHours !== undefined && !done
          ? workingHours >= 0
            ? `${basis}，剩余 ${workingHours.toFixed(1)} ${unit}`
            : `${basis}，已超出 ${Math.abs(workingHours).toFixed(1)} ${unit}`
          : undefined
      }
    >
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{dayjs(dueAt).format('MM-DD HH:mm')}</div>
      <Typography.Text type={type} strong={state.overdue} data-overdue={state.overdue ? 'true' : 'false'} className="sla">
        {state.text}
      </Typography.Text>
    </div>
  );
}
