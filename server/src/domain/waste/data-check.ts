/**
 * Consistency check of a waste list (the seeded demo list, or a bureau's list before it replaces it):
 * the same thing must not be listed twice, and above all not in two categories. "The same thing" is
 * the name after folding what does not change the item: traditional characters to simplified
 * (電池 = 电池), full-width forms, and an "empty" qualifier on a container (84消毒液空瓶 = 84消毒液瓶,
 * 空药瓶 = 药瓶, 瓶子 = 瓶; 空调 stays 空调). The contents and their container stay different items (番茄酱 ≠ 番茄酱瓶).
 */

/** Traditional → simplified for the characters household item names use (a folding table, not a converter). */
const T2S: Readonly<Record<string, string>> = Object.fromEntries(
  [
    '電电', '鋁铝', '鍋锅', '殼壳', '養养', '紙纸', '膠胶', '燈灯', '線线', '衛卫', '禮礼', '機机', '腦脑', '舊旧', '髮发',
    '蓋盖', '雞鸡', '鴨鸭', '魚鱼', '蝦虾', '餅饼', '麵面', '飯饭', '湯汤', '葉叶', '藥药', '醫医', '針针', '鐵铁', '銅铜',
    '錫锡', '鏡镜', '錶表', '鐘钟', '燒烧', '熱热', '壺壶', '廢废', '棄弃', '裝装', '褲裤', '襪袜', '帶带', '條条', '頭头',
    '髒脏', '濕湿', '乾干', '塊块', '張张', '筆笔', '書书', '報报', '傘伞', '燭烛', '漿浆', '醬酱', '蘋苹', '蔥葱', '薑姜',
    '菸烟', '煙烟', '盞盏', '盤盘', '鍵键', '顯显', '視视', '噴喷', '霧雾', '劑剂', '殺杀', '蟲虫', '離离', '網网', '絲丝',
    '綫线', '織织',
  ].map((p) => [p[0]!, p[1]!]),
);

const CONTAINER = '瓶罐盒桶袋壳';

/** The name a check compares: simplified, NFKC, no spaces, "empty" dropped from containers. */
export function baseName(name: string): string {
  let s = simplified(name.normalize('NFKC').replace(/\s+/g, '').toLowerCase());
  s = s.replace(new RegExp(`空(?=[${CONTAINER}])`, 'g'), '');
  // 空药瓶, 空罐头, 空灭火器: but 空调 and 空心菜 are things of their own
  s = s.replace(new RegExp(`^空(?=.*[${CONTAINER}器])`), '');
  s = s.replace(new RegExp(`([${CONTAINER}])子$`), '$1');
  return s;
}

export function simplified(s: string): string {
  let out = '';
  for (const c of s) out += T2S[c] ?? c;
  return out;
}

export interface CheckedItem {
  name: string;
  category: string;
  aliases?: string[];
}

export interface WasteListProblems {
  /** the same base item filed under different categories (names and aliases both count) */
  conflicts: { base: string; entries: { name: string; category: string }[] }[];
  /** two entries that are the same name once traditional characters are folded (電池 and 电池) */
  duplicates: { base: string; names: string[] }[];
  /** names written with traditional characters (residents search in simplified) */
  traditional: string[];
}

export function checkWasteList(items: readonly CheckedItem[]): WasteListProblems {
  const byBase = new Map<string, Map<string, string>>();
  const bySimplified = new Map<string, string[]>();
  const traditional: string[] = [];
  for (const item of items) {
    const folded = simplified(item.name.normalize('NFKC'));
    if (folded !== item.name.normalize('NFKC')) traditional.push(item.name);
    const same = bySimplified.get(folded) ?? [];
    same.push(item.name);
    bySimplified.set(folded, same);
    for (const text of [item.name, ...(item.aliases ?? [])]) {
      const base = baseName(text);
      let entries = byBase.get(base);
      if (!entries) byBase.set(base, (entries = new Map()));
      entries.set(item.name, item.category);
    }
  }
  const conflicts: WasteListProblems['conflicts'] = [];
  for (const [base, entries] of byBase) {
    if (new Set(entries.values()).size > 1) conflicts.push({ base, entries: [...entries].map(([name, category]) => ({ name, category })) });
  }
  const duplicates = [...bySimplified].filter(([, names]) => names.length > 1).map(([base, names]) => ({ base, names }));
  return { conflicts, duplicates, traditional };
}
