import { describe, expect, it } from 'vitest';
import { applySubscribeResult, exhaustCredit, MAX_SUBSCRIPTION_CREDITS, maySend, NO_CREDIT, refundCredit, spendCredit } from './subscription-credits.js';

describe('subscription credits', () => {
  it('each accept grants one message; each message spends one', () => {
    let c = applySubscribeResult(NO_CREDIT, 'accept');
    c = applySubscribeResult(c, 'accept');
    expect(c).toEqual({ credits: 2, choice: 'accept' });
    c = spendCredit(c)!;
    expect(c.credits).toBe(1);
    c = spendCredit(c)!;
    expect(c.credits).toBe(0);
    expect(spendCredit(c)).toBeNull();
    expect(maySend(c)).toBe(false);
  });

  it('nothing is sent without a credit', () => {
    expect(maySend(NO_CREDIT)).toBe(false);
    expect(spendCredit(NO_CREDIT)).toBeNull();
  });

  it('reject and ban are respected until the resident accepts again, credits kept', () => {
    for (const no of ['reject', 'ban'] as const) {
      let c = applySubscribeResult(applySubscribeResult(NO_CREDIT, 'accept'), no);
      expect(c).toEqual({ credits: 1, choice: no });
      expect(maySend(c)).toBe(false);
      c = applySubscribeResult(c, 'accept');
      expect(c).toEqual({ credits: 2, choice: 'accept' });
      expect(maySend(c)).toBe(true);
    }
  });

  it('filter changes nothing', () => {
    const c = { credits: 3, choice: 'accept' as const };
    expect(applySubscribeResult(c, 'filter')).toBe(c);
    expect(applySubscribeResult(NO_CREDIT, 'filter')).toEqual(NO_CREDIT);
  });

  it('credits are capped', () => {
    let c = NO_CREDIT;
    for (let i = 0; i < MAX_SUBSCRIPTION_CREDITS + 5; i++) c = applySubscribeResult(c, 'accept');
    expect(c.credits).toBe(MAX_SUBSCRIPTION_CREDITS);
    expect(refundCredit(c).credits).toBe(MAX_SUBSCRIPTION_CREDITS);
  });

  it('a dead letter refunds; 43101 exhausts', () => {
    const c = { credits: 1, choice: 'accept' as const };
    expect(refundCredit(spendCredit(c)!)).toEqual(c);
    expect(exhaustCredit({ credits: 4, choice: 'accept' })).toEqual({ credits: 0, choice: 'accept' });
  });
});
