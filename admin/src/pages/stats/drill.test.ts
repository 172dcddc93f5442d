import { describe, expect, it } from 'vitest';
import { canDrill, drillFromParams, drillPath, drillQuery } from './drill';

describe('考核 drill-down links', () => {
  it('round-trips through the workbench URL', () => {
    const d = { stat: 'onTimeHandleRate', statUnit: '430602', statUnitKind: 'district' as const, from: '2026-11-01', to: '2026-11-30' };
    const path = drillPath(d);
    expect(path).toBe('/tickets?stat=onTimeHandleRate&statUnit=430602&statUnitKind=district&from=2026-11-01&to=2026-11-30');
    expect(drillFromParams(new URLSearchParams(path.split('?')[1]))).toEqual(d);
  });

  it('全市 has no unit', () => {
    const path = drillPath({ stat: 'closedCount', from: '2026-10-01', to: '2026-12-31' });
    expect(path).toBe('/tickets?stat=closedCount&from=2026-10-01&to=2026-12-31');
    expect(drillFromParams(new URLSearchParams(path.split('?')[1]))).toEqual({ stat: 'closedCount', from: '2026-10-01', to: '2026-12-31', statUnit: undefined, statUnitKind: undefined });
  });

  it('refuses unknown or undrillable indicators and bad days', () => {
    expect(canDrill('avgHandlingHours')).toBe(false);
    expect(canDrill('onTimeCloseRate')).toBe(true);
    expect(drillFromParams(new URLSearchParams('stat=avgHandlingHours&from=2026-11-01&to=2026-11-30'))).toBeNull();
    expect(drillFromParams(new URLSearchParams('stat=nonsense&from=2026-11-01&to=2026-11-30'))).toBeNull();
    expect(drillFromParams(new URLSearchParams('stat=closedCount&from=2026-11-31&to=2026-12-01'))).toBeNull();
    expect(drillFromParams(new URLSearchParams('stat=closedCount&from=2026-11-01'))).toBeNull();
  });

  it('asks the API with the indicator, the unit and the period days', () => {
    expect(drillQuery({ stat: 'resolvedOnTimeCount', statUnit: 'd1', statUnitKind: 'department', from: '2026-11-01', to: '2026-11-30' })).toEqual({
      stat: 'resolvedOnTimeCount',
      statUnit: 'd1',
      statUnitKind: 'department',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('a category figure carries its category to the list and the API', () => {
    const d = { stat: 'reportedCount', statUnit: '430611', statCategory: '06010', from: '2026-11-01', to: '2026-11-30' };
    const path = drillPath(d);
    expect(path).toBe('/tickets?stat=reportedCount&statUnit=430611&statCategory=06010&from=2026-11-01&to=2026-11-30');
    const back = drillFromParams(new URLSearchParams(path.split('?')[1]));
    expect(back).toMatchObject(d);
    expect(drillQuery(back!)).toEqual({ stat: 'reportedCount', statUnit: '430611', statCategory: '06010', from: '2026-11-01', to: '2026-11-30' });
    expect(drillFromParams(new URLSearchParams('stat=reportedCount&statCategory=abc&from=2026-11-01&to=2026-11-30'))?.statCategory).toBeUndefined();
  });
});
