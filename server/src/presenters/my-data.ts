import type { AppDeps } from '../deps.js';
import type { TicketRecord } from '../models/ticket.js';
import type { ComplaintRecord } from '../models/complaint.js';
import { photoIdsOf, residentDetail } from './ticket.js';
import { residentComplaintDetail } from './complaint.js';
import { getPrivateUploadRefs } from '../services/uploads.js';
import { refMap } from '../commands/tickets/common.js';
import { eachOwnComplaintPage, eachOwnTicketPage } from '../commands/me/owned-records.js';

/**
 * 个人信息保护法 第45条 (查阅、复制): everything we hold about the resident, as they would see it in the
 * app plus the contact data they gave — profile, reports (with the phone left for the handler), 信访 cases
 * (the ID number masked: a stolen token must not yield it), subscribe-message choices.
 */
export async function exportMyData(deps: AppDeps, citizenId: string) {
  const now = deps.now();
  const citizen = await deps.models.Citizen.findById(citizenId).lean();
  const reports: unknown[] = [];
  await eachOwnTicketPage(deps, citizenId, async (ids) => {
    for (const id of ids) {
      const t = (await deps.models.Ticket.findById(id).lean()) as TicketRecord | null;
      if (!t || t.reporter.citizenId !== citizenId) continue;
      const detail = residentDetail(t, await refMap(deps, photoIdsOf(t)), now);
      reports.push({ ...detail, contactPhone: t.reporter.anonymous ? undefined : (t.reporter.phone ?? undefined), description: t.description, address: t.address });
    }
  });
  const complaints: unknown[] = [];
  await eachOwnComplaintPage(deps, citizenId, async (ids) => {
    for (const id of ids) {
      const c = (await deps.models.Complaint.findById(id).lean()) as ComplaintRecord | null;
      if (!c || c.citizenId !== citizenId) continue;
      complaints.push(residentComplaintDetail(c, now, await getPrivateUploadRefs(deps, c.attachmentIds)));
    }
  });
  const subscriptions = (await deps.models.SubscriptionCredit.find({ citizenId }, { templateId: 1, credits: 1, choice: 1, updatedAt: 1 }).limit(100).lean()).map((s) => ({
    templateId: s.templateId,
    credits: s.credits,
    choice: s.choice ?? null,
    updatedAt: s.updatedAt.toISOString(),
  }));
  return {
    exportedAt: now.toISOString(),
    profile: citizen
      ? {
          id: String(citizen._id),
          source: citizen.source,
          nickname: citizen.nickname ?? '',
          phone: citizen.phone ?? undefined,
          createdAt: (citizen as { createdAt?: Date }).createdAt?.toISOString(),
          lastLoginAt: citizen.lastLoginAt?.toISOString(),
        }
      : null,
    reports,
    complaints,
    subscriptions,
  };
}
