/**
 * The unit a staff member acts for, as a ticket's timeline records it (`actor.label`): what the resident
 * reads instead of the person's name and what the console shows beside it. Fixed when the entry is
 * written, so a later change of the account's districts does not rewrite history.
 *
 * - handling (处置反馈, 回退): the department the ticket is with;
 * - everything the centre does (立案, 派遣, 不予立案, 核查结案, 移交, 督办, …): a city-wide account
 *   (no districts) is the city's 城市管理指挥中心; an account scoped to districts works in the ticket's
 *   district's 指挥分中心 (it can act on no other tickets), e.g. 君山区城市管理指挥分中心.
 */

export const DISPATCH_CENTRE_LABEL = '城市管理指挥中心';
export const HANDLING_UNIT_FALLBACK = '处置单位';

export function subCentreLabel(districtName: string): string {
  return `${districtName}城市管理指挥分中心`;
}

export interface ActingStaff {
  /** empty = city-wide */
  districtCodes: readonly string[];
}

export interface ActingTicket {
  routing: { districtCode: string; districtName: string; departmentName?: string | null };
}

export function centreUnit(p: ActingStaff, t: ActingTicket): string {
  if (!p.districtCodes.length || !t.routing.districtName) return DISPATCH_CENTRE_LABEL;
  return subCentreLabel(t.routing.districtName);
}

export function handlingUnit(t: ActingTicket): string {
  return t.routing.departmentName || HANDLING_UNIT_FALLBACK;
}
