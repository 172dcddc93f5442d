import { describe, expect, it } from 'vitest';
import { CATEGORIES, CATEGORY_GROUPS, GAS_NOTICE, findCategory, isCategoryCode } from './seed';

describe('category catalogue', () => {
  it('has unique 5-digit codes and names', () => {
    const codes = CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(CATEGORIES.map((c) => c.name)).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^\d{5}$/);
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(20);
    expect(CATEGORIES.length).toBeLessThanOrEqual(40);
  });

  it('groups by major class and flags local extensions', () => {
    for (const c of CATEGORIES) {
      expect(c.group).toBe(c.code.slice(0, 2));
      expect(c.groupName).toBe(CATEGORY_GROUPS[c.group]);
      expect(c.local === true).toBe(c.group === '90');
    }
    expect(CATEGORY_GROUPS['06']).toBe('事件-市容环境');
    expect(CATEGORY_GROUPS['90']).toBe('本地扩展');
  });

  it('has sane SLA hours: urgent 2–4 h, others up to 10 working days', () => {
    for (const c of CATEGORIES) {
      expect(Number.isInteger(c.slaHours)).toBe(true);
      if (c.urgent) {
        expect(c.slaHours).toBeGreaterThanOrEqual(2);
        expect(c.slaHours).toBeLessThanOrEqual(4);
      } else {
        expect(c.slaHours).toBeGreaterThanOrEqual(4);
        expect(c.slaHours).toBeLessThanOrEqual(70);
      }
    }
  });

  // Every problem residents report (and the seed complaint list) must be fileable.
  it.each([
    ['litter', '06010', '暴露垃圾'],
    ['vendors', '09001', '无照经营游商'],
    ['vendors on the road', '09006', '占道经营'],
    ['construction waste', '08005', '施工废弃料'],
    ['spilled muck', '06014', '道路遗撒'],
    ['damaged road', '06013', '道路破损'],
    ['water manhole cover', '01001', '供水井盖异常'],
    ['sewer manhole cover', '01002', '污水井盖异常'],
    ['rain manhole cover', '01003', '雨水井盖异常'],
    ['street light', '01037', '路灯异常'],
    ['street noise', '06028', '噪声扰民'],
    ['construction noise', '08001', '施工扰民'],
    ['dust', '08004', '工地扬尘'],
    ['flyposting', '07001', '非法小广告'],
    ['outdoor ads', '07003', '违规户外广告'],
    ['shared bikes', '09011', '共享单车乱象'],
    ['waterlogging', '90001', '渍水'],
    ['fireworks', '90002', '烟花爆竹'],
    ['gas hazard', '90003', '燃气隐患'],
    ['toilets', '90004', '公厕问题'],
    ['parking', '02001', '停车场异常'],
  ])('%s → %s %s', (_what, code, name) => {
    expect(findCategory(code)?.name).toBe(name);
  });

  it('gas categories are urgent and tell the resident to call 119', () => {
    for (const code of ['90003', '01011', '01049', '01057']) {
      const c = findCategory(code);
      expect(c?.urgent).toBe(true);
      expect(c?.notice).toBe(GAS_NOTICE);
    }
    expect(GAS_NOTICE).toMatch(/^如闻到燃气味或发现泄漏，请立即远离并拨打119或燃气抢修电话/);
    expect(GAS_NOTICE).toContain('本平台同时受理');
  });

  it('findCategory and isCategoryCode', () => {
    expect(findCategory('99999')).toBeUndefined();
    expect(isCategoryCode('06010')).toBe(true);
    expect(isCategoryCode('6010')).toBe(false);
    expect(isCategoryCode(6010)).toBe(false);
  });
});
