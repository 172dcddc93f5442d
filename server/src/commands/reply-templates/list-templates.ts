import { mayEditTemplate, templateFitFor, visibleTemplateKeys, TEMPLATES_PER_SCOPE_LIMIT } from '@cgt/shared/ticket/reply-templates';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { placeOfRecord, templateActor, type ReplyTemplateRecord } from './common.js';

/** What the unlimited centre reads at most in one list: every unit's templates are capped, so is this. */
const ALL_TEMPLATES_READ_LIMIT = 2000;

export interface TemplateListItem {
  record: ReplyTemplateRecord;
  editable: boolean;
}

/**
 * The templates this principal sees: the city's, their districts' and departments' (everything for staff
 * without a unit limit), one equality read per unit. With a category: only those that fit it, its own
 * first, then its group's, then the general ones (without one: the units' own before the city's);
 * `editable` keeps only what the caller may change.
 */
export async function listTemplates(deps: AppDeps, by: StaffPrincipal, q: { categoryCode?: string; editable?: boolean }): Promise<TemplateListItem[]> {
  const keys = visibleTemplateKeys(templateActor(by));
  const batches =
    keys === 'all'
      ? [await deps.models.ReplyTemplate.find({}).sort({ title: 1 }).limit(ALL_TEMPLATES_READ_LIMIT).lean()]
      : await Promise.all(keys.map((scopeKey) => deps.models.ReplyTemplate.find({ scopeKey }).sort({ title: 1 }).limit(TEMPLATES_PER_SCOPE_LIMIT).lean()));
  const actor = templateActor(by);
  const items = (batches.flat() as ReplyTemplateRecord[])
    .filter((t) => !t.retired)
    .map((record) => ({ record, fit: templateFitFor(record, q.categoryCode), editable: mayEditTemplate(actor, placeOfRecord(record)) }))
    .filter((x) => x.fit >= 0 && (q.editable === undefined || x.editable === q.editable));
  // for a ticket, best fit first; the management page reads the units' own before the city's
  const rank = (x: (typeof items)[number]) => (q.categoryCode ? x.fit : x.record.scope && x.record.scope !== 'city' ? 1 : 0);
  items.sort((a, b) => rank(b) - rank(a) || a.record.title.localeCompare(b.record.title, 'zh-Hans-CN'));
  return items.map(({ record, editable }) => ({ record, editable }));
}
