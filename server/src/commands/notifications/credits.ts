import {
  applySubscribeResult,
  exhaustCredit,
  NO_CREDIT,
  refundCredit,
  spendCredit,
  type SubscribeResult,
  type SubscriptionCredit,
} from '@cgt/shared/wechat/subscription-credits';
import type { AppDeps } from '../../deps.js';
import { isDuplicateKey } from '../../db/claims.js';
import { versionedWrite } from '../../db/versioned-write.js';
import type { SubscriptionCreditDoc } from '../../models/subscription-credit.js';
import { fail } from '../../http/errors.js';

/**
 * Per-resident, per-template subscribe-message credits (rules: shared/src/wechat/subscription-credits.ts).
 * Each change reads the document and writes the new value through the kernel's versioned write (exactly
 * one writer per version; never `$inc`, which FerretDB loses), retried on a concurrent change.
 */

type CreditRow = SubscriptionCreditDoc & { _id: string };

/** How many delivery ids a credit remembers (a takeover looks only at the delivery it took over). */
const SPENT_MEMORY = 20;
const ATTEMPTS = 12;

export const creditId = (citizenId: string, templateId: string) => `${citizenId}:${templateId}`;

const asCredit = (row: CreditRow | null): SubscriptionCredit => (row ? { credits: row.credits, choice: (row.choice ?? null) as SubscriptionCredit['choice'] } : NO_CREDIT);

const pause = () => new Promise((r) => setTimeout(r, 10 + Math.random() * 40));

/**
 * Applies `change` to the credit until it sticks. `change` returns the new credit (and spentFor), or
 * null to write nothing; the result is what was written (or null).
 */
async function changeCredit(
  deps: AppDeps,
  citizenId: string,
  templateId: string,
  change: (current: SubscriptionCredit, row: CreditRow | null) => { credit: SubscriptionCredit; spentFor?: string[] } | null,
): Promise<{ credit: SubscriptionCredit; row: CreditRow | null; written: boolean }> {
  const { SubscriptionCredit } = deps.models;
  const _id = creditId(citizenId, templateId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const row = (await SubscriptionCredit.findById(_id).lean()) as CreditRow | null;
    const next = change(asCredit(row), row);
    if (!next) return { credit: asCredit(row), row, written: false };
    const set = { credits: next.credit.credits, choice: next.credit.choice, updatedAt: deps.now(), ...(next.spentFor ? { spentFor: next.spentFor } : {}) };
    if (!row) {
      try {
        await SubscriptionCredit.create({ _id, citizenId, templateId, version: 0, spentFor: [], ...set });
        return { credit: next.credit, row: null, written: true };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue; // a concurrent first answer made it: read it and apply ours on top
      }
    }
    const updated = await versionedWrite<CreditRow>(deps.models, {
      kind: 'credit',
      model: SubscriptionCredit,
      id: _id,
      version: row.version,
      update: { $set: set },
      by: `pid:${process.pid}`,
    });
    if (updated) return { credit: next.credit, row: updated, written: true };
    await pause();
  }
  throw fail('conflict', [], '订阅状态正在更新，请重试');
}

/** The resident's answers to one requestSubscribeMessage call, applied template by template. */
export async function recordSubscribeResults(deps: AppDeps, citizenId: string, results: Record<string, SubscribeResult>): Promise<void> {
  for (const [templateId, result] of Object.entries(results)) {
    if (result === 'filter') continue;
    await changeCredit(deps, citizenId, templateId, (current) => ({ credit: applySubscribeResult(current, result) }));
  }
}

/** The resident's credits (a resident has a handful of templates; bounded anyway). */
export async function listCredits(deps: AppDeps, citizenId: string) {
  const rows = (await deps.models.SubscriptionCredit.find({ citizenId }).sort({ _id: 1 }).limit(100).lean()) as CreditRow[];
  return rows.map((r) => ({ templateId: r.templateId, credits: r.credits, choice: (r.choice ?? null) as SubscriptionCredit['choice'] }));
}

/**
 * Spends one credit for delivery `deliveryId`: 'spent' (now), 'already' (this delivery paid before, e.g.
 * a retry or a takeover), or 'none' (no credit: send nothing).
 */
export async function spendCreditFor(deps: AppDeps, citizenId: string, templateId: string, deliveryId: string): Promise<'spent' | 'already' | 'none'> {
  let already = false;
  const res = await changeCredit(deps, citizenId, templateId, (current, row) => {
    if (row?.spentFor.includes(deliveryId)) {
      already = true;
      return null;
    }
    const spent = spendCredit(current);
    return spent ? { credit: spent, spentFor: [...(row?.spentFor ?? []), deliveryId].slice(-SPENT_MEMORY) } : null;
  });
  if (already) return 'already';
  return res.written ? 'spent' : 'none';
}

/** Whether delivery `deliveryId` has spent a credit of this template (a crashed worker's takeover asks). */
export async function creditSpentFor(deps: AppDeps, citizenId: string, templateId: string, deliveryId: string): Promise<boolean> {
  const row = (await deps.models.SubscriptionCredit.findById(creditId(citizenId, templateId), { spentFor: 1 }).lean()) as Pick<CreditRow, 'spentFor'> | null;
  return !!row?.spentFor.includes(deliveryId);
}

/** Gives the credit of a delivery WeChat did not deliver back (once: the id leaves spentFor). */
export async function refundCreditFor(deps: AppDeps, citizenId: string, templateId: string, deliveryId: string): Promise<void> {
  await changeCredit(deps, citizenId, templateId, (current, row) =>
    row?.spentFor.includes(deliveryId) ? { credit: refundCredit(current), spentFor: row.spentFor.filter((x) => x !== deliveryId) } : null,
  );
}

/** WeChat said 43101: nothing is left for this template. */
export async function exhaustCreditFor(deps: AppDeps, citizenId: string, templateId: string): Promise<void> {
  await changeCredit(deps, citizenId, templateId, (current) => (current.credits > 0 ? { credit: exhaustCredit(current) } : null));
}
