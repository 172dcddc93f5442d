import { describe, expect, it } from 'vitest';
import { chooseRule, isRuleCategory, specificity, type RuleCandidate } from './rules.js';
import { categoryLabel, ruleLabel } from './labels.js';

const rule = (id: string, scopeCode: string, categoryCode: string, departmentId = `d-${id}`, priority = 0): RuleCandidate => ({
  id,
  scopeCode,
  categoryCode,
  departmentId,
  priority,
});
const all = () => true;

describe('chooseRule precedence', () => {
  const rules = [
    rule('1', '430602', '*'),
    rule('2', '430602', '06'),
    rule('3', '430602', '06010'),
    rule('4', 'Z-NHXQ', '*'),
    rule('5', 'Z-NHXQ', '06'),
  ];

  it('district: exact code beats group beats any', () => {
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: null, categoryCode: '06010' }, all)?.id).toBe('3');
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: null, categoryCode: '06011' }, all)?.id).toBe('2');
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: null, categoryCode: '09001' }, all)?.id).toBe('1');
  });

  it('a zone rule beats even an exact district rule', () => {
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: 'Z-NHXQ', categoryCode: '06010' }, all)?.id).toBe('5');
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: 'Z-NHXQ', categoryCode: '09001' }, all)?.id).toBe('4');
  });

  it('falls back to district rules when the zone has none that applies', () => {
    const onlyGroup = [rule('5', 'Z-NHXQ', '06'), rule('1', '430602', '*')];
    expect(chooseRule(onlyGroup, { districtCode: '430602', zoneCode: 'Z-NHXQ', categoryCode: '09001' }, all)?.id).toBe('1');
  });

  it('without a category only "*" rules apply', () => {
    expect(chooseRule(rules, { districtCode: '430602', zoneCode: null }, all)?.id).toBe('1');
    expect(chooseRule([rule('2', '430602', '06')], { districtCode: '430602', zoneCode: null }, all)).toBeNull();
  });

  it('priority, then id, break ties; inactive departments are skipped', () => {
    const tie = [rule('b', '430602', '06', 'x', 0), rule('a', '430602', '06', 'y', 0), rule('c', '430602', '06', 'z', 5)];
    expect(chooseRule(tie, { districtCode: '430602', zoneCode: null, categoryCode: '06010' }, all)?.id).toBe('c');
    expect(chooseRule(tie, { districtCode: '430602', zoneCode: null, categoryCode: '06010' }, (d) => d !== 'z')?.id).toBe('a');
    expect(chooseRule(tie, { districtCode: '430602', zoneCode: null, categoryCode: '06010' }, () => false)).toBeNull();
  });

  it('rules of other scopes never apply', () => {
    expect(chooseRule([rule('1', '430611', '*')], { districtCode: '430602', zoneCode: null, categoryCode: '06010' }, all)).toBeNull();
  });

  it('specificity and category syntax', () => {
    expect(specificity('06010', '06010')).toBe(3);
    expect(specificity('06', '06010')).toBe(2);
    expect(specificity('*', '06010')).toBe(1);
    expect(specificity('07', '06010')).toBe(0);
    expect(specificity('060', '06010')).toBe(0);
    expect(['*', '06', '06010'].every(isRuleCategory)).toBe(true);
    expect(['', '6', '060', 'abcde', '**'].some(isRuleCategory)).toBe(false);
  });

  it('labels for the routing reason', () => {
    expect(ruleLabel('南湖新区', '06')).toBe('南湖新区·市容环境');
    expect(ruleLabel('君山区', '06010')).toBe('君山区·暴露垃圾');
    expect(categoryLabel('*')).toBe('全部类别');
  });
});
