import { describe, expect, it } from 'vitest';
import { nameConflicts, sameName } from './name-conflict.js';

const at = (d: string) => new Date(`${d}T08:00:00Z`);
const row = (id: string, name: string, hash = 'h1', day = '2026-01-01') => ({ id, caseNo: `YYXF2026-${id}`, idNumberHash: hash, name, registeredAt: at(day) });

describe('nameConflicts', () => {
  it('flags earlier cases of the same ID number under another name, one per name, newest first', () => {
    const earlier = [row('1', '王建国'), row('2', '王建华', 'h1', '2026-02-01'), row('3', '王建华', 'h1', '2026-03-01'), row('4', '李梅', 'h2')];
    expect(nameConflicts('王建国', 'h1', earlier)).toEqual([{ id: '3', caseNo: 'YYXF2026-3', name: '王建华' }]);
  });

  it('the same name (spaces, middle-dot forms) is no conflict; another ID number never is', () => {
    expect(sameName('阿卜杜•热合曼', '阿卜杜·热合曼')).toBe(true);
    expect(sameName('王 建国', '王建国')).toBe(true);
    expect(nameConflicts('王建国', 'h1', [row('1', ' 王建国'), row('2', '张三', 'h2')])).toEqual([]);
  });

  it('keeps at most five', () => {
    const earlier = ['甲', '乙', '丙', '丁', '戊', '己'].map((n, i) => row(String(i), `王${n}`));
    expect(nameConflicts('王建国', 'h1', earlier)).toHaveLength(5);
  });
});
