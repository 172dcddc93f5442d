import { DEFAULT_WEIGHTS, DEFAULT_WEIGHTS_VERSION, weightsInForce, weightsProblems, type WeightsConfig } from '@cgt/shared/stats/score';
import type { WeightsUpdate, WeightsVersion } from '@cgt/shared/schemas/stats';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail } from '../../http/errors.js';
import { recordAudit } from '../../services/audit.js';

/** The 综合指标值 weights, one version per month it applies from (stat_weights, a handful of documents). */

export interface StoredWeights extends WeightsConfig {
  effectiveFrom: string;
  updatedAt?: Date;
  updatedBy?: string;
}

export async function listWeights(deps: AppDeps): Promise<StoredWeights[]> {
  // a few versions at most (one per month an admin changed them): read whole
  const docs = await deps.models.StatWeights.find({}).lean<{ _id: string; terms: WeightsConfig['terms']; bands: WeightsConfig['bands']; updatedAt: Date; updatedBy?: string }[]>();
  return docs
    .map((d) => ({ effectiveFrom: d._id, terms: d.terms, bands: d.bands, updatedAt: d.updatedAt, updatedBy: d.updatedBy }))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
}

/** The weights in force in `month` (the default Chengdu Jinniu weights when none was saved). */
export function inForce(versions: readonly StoredWeights[], month: string): StoredWeights {
  return weightsInForce(versions, month) ?? { ...DEFAULT_WEIGHTS, effectiveFrom: DEFAULT_WEIGHTS_VERSION };
}

export function presentWeights(w: StoredWeights): WeightsVersion {
  return {
    effectiveFrom: w.effectiveFrom,
    terms: w.terms.map((t) => ({ indicator: t.indicator, weight: t.weight, invert: t.invert })),
    bands: w.bands.map((b) => ({ grade: b.grade, min: b.min, color: b.color })),
    ...(w.updatedAt ? { updatedAt: new Date(w.updatedAt).toISOString() } : {}),
    ...(w.updatedBy ? { updatedBy: w.updatedBy } : {}),
  };
}

/** PUT (admin): saves the version applying from `effectiveFrom` (replacing that month's version). */
export async function saveWeights(deps: AppDeps, p: StaffPrincipal, req: WeightsUpdate, ip: string): Promise<StoredWeights> {
  const problems = weightsProblems({ terms: req.terms, bands: req.bands });
  if (problems.length) throw fail('validation_failed', problems, problems[0]!.message);
  const doc = { terms: req.terms, bands: req.bands, updatedAt: deps.now(), updatedBy: p.displayName };
  await deps.models.StatWeights.replaceOne({ _id: req.effectiveFrom }, doc, { upsert: true });
  await recordAudit(deps, {
    actor: { kind: 'staff', id: p.userId, name: p.displayName },
    action: 'stats.weights.save',
    targetType: 'stat_weights',
    targetId: req.effectiveFrom,
    ip,
    details: { terms: req.terms, bands: req.bands },
  });
  return { effectiveFrom: req.effectiveFrom, ...doc };
}
