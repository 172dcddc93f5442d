import { WASTE_CATEGORY_IDS, type WasteCategoryGuide, type WasteHint, type WasteItemView, type WasteSearchItem } from '@cgt/shared/schemas/waste';
import type { IndexItem, SearchHit } from '../domain/waste/search-index.js';
import type { WasteSnapshot } from '../services/waste-index.js';

export function presentHit(hit: SearchHit, snap: WasteSnapshot): WasteSearchItem {
  const { item } = hit;
  return {
    name: item.name,
    category: item.category,
    categoryName: snap.categories[item.category].zh,
    ...(item.aliases.length ? { aliases: item.aliases } : {}),
    matchedBy: hit.matchedBy,
  };
}

function ordered(snap: WasteSnapshot) {
  return WASTE_CATEGORY_IDS.map((id) => snap.categories[id]).sort((a, b) => a.order - b.order);
}

/** The four categories in one line each, shown when a search finds nothing. */
export function presentHints(snap: WasteSnapshot): WasteHint[] {
  return ordered(snap).map((c) => ({ category: c.id, name: c.zh, colorHex: c.colorHex, description: c.descriptionZh }));
}

/** Familiar examples first (when the list still has them in that category), then the shortest names. */
const FAMILIAR: Record<string, string[]> = {
  recyclable: ['报纸', '易拉罐', '玻璃瓶', '旧衣服', '纸箱', '饮料瓶'],
  hazardous: ['电池', '过期药品', '水银温度计', '油漆桶', '杀虫剂', '节能灯'],
  kitchen: ['剩菜剩饭', '西瓜皮', '鸡蛋壳', '茶叶渣', '果皮', '菜叶'],
  residual: ['纸巾', '烟蒂', '陶瓷碗', '纸尿裤', '猫砂', '一次性筷子'],
};
const EXAMPLES = 6;

function examplesOf(snap: WasteSnapshot, id: keyof typeof snap.byCategory): string[] {
  const inCat = snap.byCategory[id];
  const names = new Set(inCat.map((i) => i.name));
  const out = (FAMILIAR[id] ?? []).filter((n) => names.has(n));
  if (out.length < EXAMPLES) {
    const shortest = [...inCat].sort((a, b) => a.name.length - b.name.length).map((i) => i.name);
    for (const n of shortest) {
      if (out.length >= EXAMPLES) break;
      if (!out.includes(n)) out.push(n);
    }
  }
  return out.slice(0, EXAMPLES);
}

export function presentGuide(snap: WasteSnapshot): WasteCategoryGuide[] {
  return ordered(snap).map((c) => ({
    id: c.id,
    order: c.order,
    zh: c.zh,
    ...(c.zhAlias ? { zhAlias: c.zhAlias } : {}),
    en: c.en,
    color: c.color,
    colorZh: c.colorZh,
    colorHex: c.colorHex,
    descriptionZh: c.descriptionZh,
    tipsZh: c.tipsZh,
    examples: examplesOf(snap, c.id),
  }));
}

export function presentItem(item: IndexItem, snap: WasteSnapshot): WasteItemView {
  return {
    id: item.id,
    name: item.name,
    category: item.category,
    categoryName: snap.categories[item.category].zh,
    aliases: item.aliases,
    edited: !!item.edited,
  };
}
