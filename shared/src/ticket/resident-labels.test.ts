import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_GROUPS } from '../categories/seed';
import { RESIDENT_CATEGORY_GROUPS, groupForResidents, residentGroupOf } from '../categories/resident-groups';
import { STATE_LABELS, TICKET_STATES, TIMELINE_EVENTS } from './machine';
import {
  RESIDENT_EVENT_HINTS,
  RESIDENT_NOTICES,
  RESIDENT_STATE_LABELS,
  RESIDENT_STATE_SHORT,
  RESIDENT_TIMELINE_LABELS,
  jargonIn,
} from './resident-labels';

/** Every text a resident can be shown from these tables (notices filled with plain sample values). */
function residentTexts(): Array<[where: string, text: string]> {
  const out: Array<[string, string]> = [];
  for (const s of TICKET_STATES) out.push([`state ${s}`, RESIDENT_STATE_LABELS[s]], [`short ${s}`, RESIDENT_STATE_SHORT[s]]);
  for (const e of TIMELINE_EVENTS) out.push([`event ${e}`, RESIDENT_TIMELINE_LABELS[e]]);
  for (const [e, h] of Object.entries(RESIDENT_EVENT_HINTS)) out.push([`hint ${e}`, h!]);
  for (const [k, v] of Object.entries(RESIDENT_NOTICES)) out.push([`notice ${k}`, typeof v === 'function' ? v('市政维护所') : v]);
  for (const g of RESIDENT_CATEGORY_GROUPS) out.push([`group ${g.id}`, g.label]);
  for (const c of CATEGORIES) out.push([`group of ${c.code}`, residentGroupOf(c.code).label]);
  return out;
}

describe('resident-facing labels', () => {
  it('no resident label contains the staff jargon', () => {
    const bad = residentTexts().filter(([, t]) => jargonIn(t).length > 0);
    expect(bad).toEqual([]);
  });

  it('the check bites: the staff labels it replaces are caught', () => {
    expect(jargonIn(STATE_LABELS.resolved)).toContain('待核查');
    expect(jargonIn(STATE_LABELS.accepted)).toContain('立案');
    expect(Object.values(CATEGORY_GROUPS).every((g) => jargonIn(g).length > 0)).toBe(true);
  });

  it('resolved reads as done and waiting for confirmation', () => {
    expect(RESIDENT_STATE_LABELS.resolved).toBe('处理完成，等待确认');
  });

  it('every seeded category has a resident group, unknown codes fall back by major class or to 其他', () => {
    for (const c of CATEGORIES) expect(residentGroupOf(c.code).id).not.toBe('');
    expect(residentGroupOf('06999').label).toBe('环境卫生');
    expect(residentGroupOf('90999').label).toBe('其他');
  });

  it('groups follow the picker order and keep the input order inside a group', () => {
    const groups = groupForResidents(CATEGORIES);
    const order = RESIDENT_CATEGORY_GROUPS.map((g) => g.id);
    expect(groups.map((g) => order.indexOf(g.group))).toEqual([...groups.map((g) => order.indexOf(g.group))].sort((a, b) => a - b));
    expect(groups[0]!.label).toBe('燃气与安全隐患');
    const road = groups.find((g) => g.group === 'road')!;
    expect(road.items.map((c) => c.name)).toEqual(['供水井盖异常', '污水井盖异常', '雨水井盖异常', '路灯异常', '道路破损', '渍水']);
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(CATEGORIES.length);
  });
});
