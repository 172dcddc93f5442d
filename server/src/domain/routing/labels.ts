import { CATEGORY_GROUPS, findCategory } from '@cgt/shared/categories/seed';
import { ANY_CATEGORY } from './rules.js';

/** Human label of a rule for the routing reason: 「南湖新区·市容环境」, 「君山区·暴露垃圾」, 「岳阳县·全部类别」. */
export function ruleLabel(scopeName: string, categoryCode: string): string {
  return `${scopeName}·${categoryLabel(categoryCode)}`;
}

export function categoryLabel(categoryCode: string): string {
  if (categoryCode === ANY_CATEGORY) return '全部类别';
  if (categoryCode.length === 2) {
    const g = CATEGORY_GROUPS[categoryCode];
    // group names read "事件-市容环境": the part after the dash is what people say
    return g ? (g.split('-').pop() ?? g) : `类别组${categoryCode}`;
  }
  return findCategory(categoryCode)?.name ?? categoryCode;
}
