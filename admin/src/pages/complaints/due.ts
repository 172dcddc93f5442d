import type { Due } from '../../services/complaints';

/** "剩 3 天" / "今天到期" / "超期 2 天" from the server's daysLeft (calendar days, Shanghai). */
export function daysText(due: Pick<Due, 'daysLeft' | 'overdue'>): string {
  if (due.overdue) return `超期 ${Math.max(1, -due.daysLeft)} 天`;
  if (due.daysLeft <= 0) return '今天到期';
  return `剩 ${due.daysLeft} 天`;
}

/** Tag colour: red when overdue, orange within 3 days, blue otherwise. */
export function dueColor(due: Pick<Due, 'overdue' | 'dueSoon'>): string {
  return due.overdue ? 'red' : due.dueSoon ? 'orange' : 'blue';
}
