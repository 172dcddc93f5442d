import type { CategoryView } from '@cgt/shared/schemas/categories';
import type { CategoryInfo } from '../services/categories.js';

export function presentCategory(c: CategoryInfo): CategoryView {
  return {
    code: c.code,
    name: c.name,
    group: c.group,
    groupName: c.groupName,
    slaHours: c.slaHours,
    urgent: c.urgent,
    clock: c.clock,
    notice: c.notice,
    local: c.local,
    active: c.active,
  };
}
