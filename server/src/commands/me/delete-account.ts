import type { AppDeps } from '../../deps.js';
import { versionedWrite } from '../../db/versioned-write.js';
import { recordAudit } from '../../services/audit.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import type { TicketRecord } from '../../models/ticket.js';
import { syncComplaintProjections } from '../complaints/projections.js';
import { versionedUpdate } from '../tickets/common.js';
import { eachOwnComplaintPage, eachOwnTicketPage } from './owned-records.js';

/**
 * `reporter.citizenId` of a report whose resident deleted the account: the record stays (城市管理 keeps
 * case files), linked to nobody. Not an ObjectId, so no citizen lookup ever matches it.
 */
export const ERASED_CITIZEN = 'erased';

const ATTEMPTS = 5;

/** Re-reads and retries a versioned write a concurrent writer beat us to; false when the record is no longer theirs. */
async function retrying<T>(load: () => Promise<T | null>, write: (doc: T) => Promise<unknown | null>): Promise<void> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const doc = await load();
    if (!doc) return;
    if (await write(doc)) return;
    await new Promise((r) => setTimeout(r, 50 * (i + 1)));
  }
  throw new Error('record busy: account deletion will finish on the next try');
}

/**
 * 个人信息保护法 第47条 (删除) — 注销账号: every report and 信访 case of the resident is unlinked first
 * (reports: no account, no phone; 信访 cases: no account, no phone — the office keeps the registered 信访
 * record itself, as 信访工作条例 requires), subscribe-message credits are deleted, and the account goes
 * last. Stopped half-way, the account still exists and the same request finishes the job. A later login
 * with the same WeChat identity creates a new, empty account. The audit entry counts what was unlinked.
 */
export async function deleteAccount(deps: AppDeps, citizenId: string, ip: string): Promise<{ reports: number; complaints: number }> {
  const { Ticket, Complaint } = deps.models;
  let reports = 0;
  await eachOwnTicketPage(deps, citizenId, async (ids) => {
    for (const id of ids) {
      await retrying(
        async () => {
          const t = (await Ticket.findById(id, { _id: 1, version: 1, reporter: 1 }).lean()) as Pick<TicketRecord, '_id' | 'version' | 'reporter'> | null;
          return t && t.reporter.citizenId === citizenId ? t : null;
        },
        (t) => versionedUpdate(deps, t, { 'reporter.citizenId': citizenId }, { $set: { 'reporter.citizenId': ERASED_CITIZEN, updatedAt: deps.now() }, $unset: { 'reporter.phone': '' } }),
      );
      reports++;
    }
  });
  let complaints = 0;
  await eachOwnComplaintPage(deps, citizenId, async (ids) => {
    for (const id of ids) {
      await retrying(
        async () => {
          const c = (await Complaint.findById(id).lean()) as ComplaintRecord | null;
          return c && c.citizenId === citizenId ? c : null;
        },
        async (c) => {
          const updated = await versionedWrite<ComplaintRecord>(deps.models, {
            kind: 'complaint',
            model: Complaint,
            id: c._id,
            version: c.version,
            guard: { citizenId },
            update: { $set: { citizenId: null, 'petitioner.phone': '', updatedAt: deps.now() } },
            by: 'account-deletion',
          });
          if (updated) await syncComplaintProjections(deps, updated);
          return updated;
        },
      );
      complaints++;
    }
  });
  await deps.models.SubscriptionCredit.deleteMany({ citizenId });
  await deps.models.Citizen.deleteOne({ _id: citizenId });
  const counts = { reports, complaints };
  await recordAudit(deps, { actor: { kind: 'citizen', id: citizenId, name: '' }, action: 'me.delete', targetType: 'citizen', targetId: citizenId, ip, details: counts });
  return counts;
}
