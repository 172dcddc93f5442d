import { defaultSlaClock, type SlaClock } from '@cgt/shared/calendar/working-time';
import type { AppDeps } from '../deps.js';

/**
 * A category as stored, defaults filled in (admin-edited SLA/notice included). `active: false` = no longer
 * offered to residents. What the API shows of it is presenters/categories.ts.
 */
export interface CategoryInfo {
  code: string;
  name: string;
  group: string;
  groupName: string;
  slaHours: number;
  urgent: boolean;
  /** what slaHours count: natural (7×24) or working hours */
  clock: SlaClock;
  notice: string;
  local: boolean;
  active: boolean;
}

interface CategoryLean {
  _id: string;
  name: string;
  group: string;
  groupName: string;
  slaHours: number;
  urgent?: boolean | null;
  clock?: SlaClock | null;
  notice?: string | null;
  local?: boolean | null;
  active?: boolean | null;
}

export function toCategoryInfo(c: CategoryLean): CategoryInfo {
  return {
    code: c._id,
    name: c.name,
    group: c.group,
    groupName: c.groupName,
    slaHours: c.slaHours,
    urgent: !!c.urgent,
    clock: c.clock ?? defaultSlaClock(!!c.urgent),
    notice: c.notice ?? '',
    local: !!c.local,
    active: c.active !== false,
  };
}

/** The category by code (an _id lookup), or null if unknown. Inactive ones are returned with active:false. */
export async function getCategory(deps: Pick<AppDeps, 'models'>, code: string): Promise<CategoryInfo | null> {
  if (typeof code !== 'string' || !/^\d{5}$/.test(code)) return null;
  const c = await deps.models.Category.findById(code).lean<CategoryLean>();
  return c ? toCategoryInfo(c) : null;
}

/** Every category in catalogue order (grouped by major class), optionally only the active ones. */
export async function listCategories(deps: Pick<AppDeps, 'models'>, activeOnly: boolean): Promise<CategoryInfo[]> {
  const docs = await deps.models.Category.find(activeOnly ? { active: { $ne: false } } : {}).lean<(CategoryLean & { order?: number })[]>();
  docs.sort((a, b) => (a.group === b.group ? (a.order ?? 0) - (b.order ?? 0) || (a._id < b._id ? -1 : 1) : a.group < b.group ? -1 : 1));
  return docs.map(toCategoryInfo);
}
