import { describe, expect, it } from 'vitest';
import { STATUS_TABS, tabsFor } from './labels';

describe('queue tabs per role', () => {
  it('a handler sees only the tabs that can hold its department\'s tickets, starting at 处置中', () => {
    expect(tabsFor(['handler']).map((t) => t.label)).toEqual(['处置中', '待核查', '已结案', '超期']);
  });
  it('dispatchers, admins and a handler who also dispatches see every tab', () => {
    expect(tabsFor(['dispatcher'])).toEqual(STATUS_TABS);
    expect(tabsFor(['handler', 'dispatcher'])).toEqual(STATUS_TABS);
    expect(tabsFor(['viewer'])[0]!.key).toBe('submitted');
  });
});
