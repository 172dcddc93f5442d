/**
 * When the seeded tickets were filed and where they stand today: a day-by-day calendar at the 2021 rate,
 * and the target state of each ticket by its age (old ones closed, open ones mostly from recent weeks).
 */
import type { Satisfaction } from '@cgt/shared/ticket/rating';
import { CASES_PER_DAY } from './population.js';
import type { LifeOptions, Target } from './history.js';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/**
 * Open tickets: 6% of a year's intake (≈12,000), whatever the length of the history: the backlog is a
 * steady state of the bureau's work, not a share of everything ever filed (so at one year the set is
 * ≈90% closed, at five years ≈94%). 不予立案 is a share of everything.
 */
export const OPEN_SHARE = 0.06;
export const REJECTED_SHARE = 0.035;
export const RATED_SHARE_OF_CLOSED = 0.3;

export interface Day {
  /** Shanghai midnight of the day, as a UTC instant */
  start: Date;
  count: number;
}

/**
 * N tickets over ceil(N / 544) days that end yesterday (Shanghai): today's numbers belong to the live
 * sequence alone, so a seeded number can never collide with one the server hands out. Weekdays carry a
 * little more than weekends; the total is exactly N.
 */
export function calendar(n: number, now: Date, rnd: () => number): Day[] {
  const days = Math.max(1, Math.ceil(n / CASES_PER_DAY));
  const todayStart = Math.floor((now.getTime() + SHANGHAI) / DAY) * DAY - SHANGHAI;
  const weights: number[] = [];
  for (let i = days; i >= 1; i--) {
    const dow = new Date(todayStart - i * DAY + SHANGHAI).getUTCDay();
    weights.push((dow === 0 || dow === 6 ? 0.8 : 1.08) * (0.85 + rnd() * 0.3));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const out: Day[] = [];
  let given = 0;
  weights.forEach((w, idx) => {
    const count = idx === weights.length - 1 ? n - given : Math.round((n * w) / total);
    given += count;
    out.push({ start: new Date(todayStart - (days - idx) * DAY), count: Math.max(0, count) });
  });
  return out;
}

/** Filing times within a day: residents report from morning to late evening (Shanghai hours). */
const HOURLY = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.2, 3, 5, 6.5, 7, 6.5, 5.5, 5, 6, 6.5, 6, 5.5, 5, 5, 4.5, 3.5, 2.5, 1.5];
export function timesOfDay(day: Day, rnd: () => number): Date[] {
  const total = HOURLY.reduce((a, b) => a + b, 0);
  const times: number[] = [];
  for (let i = 0; i < day.count; i++) {
    let x = rnd() * total;
    let h = 0;
    while (x > HOURLY[h]! && h < 23) x -= HOURLY[h++]!;
    times.push(day.start.getTime() + (h + rnd()) * 3_600_000);
  }
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}

/** How likely a ticket of this age (days) is still open, before scaling: recent weeks, plus a thin old backlog. */
const openWeight = (ageDays: number) => Math.exp(-ageDays / 6) + (ageDays < 120 ? 0.015 : 0.002);

/** The scale k with Σ min(0.97, k·w(age)) ≈ OPEN_SHARE·N over the calendar (bisection). */
export function openScale(days: Day[], now: Date): number {
  const expected = (k: number) =>
    days.reduce((s, d) => s + d.count * Math.min(0.97, k * openWeight((now.getTime() - d.start.getTime() - DAY / 2) / DAY)), 0);
  const target = OPEN_SHARE * Math.min(days.reduce((s, d) => s + d.count, 0), CASES_PER_DAY * 365);
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Target state and path of one ticket filed `ageDays` ago. */
export function lifeOf(ageDays: number, k: number, rnd: () => number): LifeOptions {
  let target: Target;
  if (rnd() < Math.min(0.97, k * openWeight(ageDays))) {
    const u = rnd();
    const [s, a, d] = ageDays < 0.25 ? [0.5, 0.7, 0.95] : ageDays < 2 ? [0.12, 0.27, 0.8] : [0.04, 0.14, 0.8];
    target = u < s ? 'submitted' : u < a ? 'accepted' : u < d ? 'dispatched' : 'resolved';
  } else {
    target = rnd() < REJECTED_SHARE ? 'rejected' : 'closed';
  }
  let rating: Satisfaction | null = null;
  if (target === 'closed' && rnd() < RATED_SHARE_OF_CLOSED) {
    const u = rnd();
    rating = u < 0.72 ? 'satisfied' : u < 0.92 ? 'basically_satisfied' : 'dissatisfied';
  }
  return { target, rework: rnd() < 0.05, returned: rnd() < 0.02, rating, late: rnd() < 0.12 };
}
