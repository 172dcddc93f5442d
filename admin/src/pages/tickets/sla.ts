/** SLA countdown text: remaining time until dueAt, or time past it (then `overdue`). */
export interface SlaState {
  text: string;
  overdue: boolean;
  /** Less than 2 hours left. */
  soon: boolean;
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${mins}分`;
  return `${Math.max(mins, 0)}分钟`;
}

export function slaState(dueAt: string | undefined, now: number, serverOverdue?: boolean, done = false): SlaState | null {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (done) return { text: serverOverdue ? '超期办结' : '按期办结', overdue: Boolean(serverOverdue), soon: false };
  if (left <= 0 || serverOverdue) return { text: `已超期 ${span(Math.abs(left))}`, overdue: true, soon: false };
  return { text: `剩余 ${span(left)}`, overdue: false, soon: left < 2 * 3600_000 };
}
