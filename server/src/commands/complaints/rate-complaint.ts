import { replyStageOf, type ComplaintState } from '@cgt/shared/complaint/machine';
import type { Satisfaction } from '@cgt/shared/ticket/rating';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import type { ComplaintActor, ComplaintRecord } from '../../models/complaint.js';
import { auditComplaint, invalidTransition, writeComplaint } from './common.js';

/** 满意度: once per written reply (处理意见, 复查意见, 复核意见), only while that reply is the latest. */
export async function rateComplaint(
  deps: AppDeps,
  c: ComplaintRecord,
  rating: { satisfaction: Satisfaction; comment?: string },
  actor: ComplaintActor,
  ip: string,
): Promise<ComplaintRecord> {
  const stage = replyStageOf(c.status as ComplaintState);
  if (!stage) throw invalidTransition('收到书面答复后才能评价');
  if (c.ratings.some((r) => r.stage === stage)) {
    throw fail('already_rated', [{ field: 'satisfaction', message: '已评价' }], '该答复已评价过');
  }
  const now = deps.now();
  const updated = await writeComplaint(deps, c, `${actor.kind}:${actor.id}`, {
    $push: {
      ratings: { stage, satisfaction: rating.satisfaction, comment: rating.comment, at: now },
      timeline: { type: 'rated', at: now, actor, satisfaction: rating.satisfaction, reason: rating.comment },
    },
  });
  await auditComplaint(deps, actor, ip, 'complaint.rate', c, { satisfaction: rating.satisfaction });
  return updated;
}
