/**
 * One-time subscribe messages: every `accept` in a `wx.requestSubscribeMessage` result lets the server send
 * ONE message of that template to that resident. The server keeps a credit per resident × template and
 * spends one per message; it never sends without one. `reject` and `ban` ("always reject") are respected
 * until the resident accepts again, even if credits from earlier accepts are left; `filter` (WeChat hid the
 * template because its title repeats another's) changes nothing.
 */

export const SUBSCRIBE_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeResult = (typeof SUBSCRIBE_RESULTS)[number];

/** Credits beyond this are not kept: a resident tapping 提交 a hundred times gains nothing more. */
export const MAX_SUBSCRIPTION_CREDITS = 50;

export interface SubscriptionCredit {
  credits: number;
  /** the resident's latest answer; null before the first */
  choice: Exclude<SubscribeResult, 'filter'> | null;
}

export const NO_CREDIT: SubscriptionCredit = { credits: 0, choice: null };

/** The credit after one answer of the resident. */
export function applySubscribeResult(current: SubscriptionCredit, result: SubscribeResult): SubscriptionCredit {
  switch (result) {
    case 'accept':
      return { credits: Math.min(MAX_SUBSCRIPTION_CREDITS, current.credits + 1), choice: 'accept' };
    case 'reject':
    case 'ban':
      return { credits: current.credits, choice: result };
    case 'filter':
      return current;
  }
}

/** Whether a message of this template may be sent now. */
export function maySend(credit: SubscriptionCredit): boolean {
  return credit.choice === 'accept' && credit.credits > 0;
}

/** The credit after one message was handed to WeChat; null when none may be sent. */
export function spendCredit(credit: SubscriptionCredit): SubscriptionCredit | null {
  return maySend(credit) ? { ...credit, credits: credit.credits - 1 } : null;
}

/** WeChat did not deliver (a dead letter): the resident's grant is still unused there, so give it back. */
export function refundCredit(credit: SubscriptionCredit): SubscriptionCredit {
  return { ...credit, credits: Math.min(MAX_SUBSCRIPTION_CREDITS, credit.credits + 1) };
}

/** WeChat answered 43101 (the resident refused, or no subscription is left there): nothing is left here either. */
export function exhaustCredit(credit: SubscriptionCredit): SubscriptionCredit {
  return { ...credit, credits: 0 };
}
