import { describe, expect, it } from 'vitest';
import { fitTemplateData, fitTemplateValue, templateKeyType } from './template-values.js';

describe('templateKeyType', () => {
  it('reads the type from the key name', () => {
    expect(templateKeyType('thing1')).toBe('thing');
    expect(templateKeyType('character_string12')).toBe('character_string');
    expect(templateKeyType('phone_number3')).toBe('phone_number');
    expect(templateKeyType('time4')).toBe('time');
    expect(templateKeyType('whatever9')).toBe('thing');
  });
});

describe('fitTemplateValue', () => {
  it('thing: ≤ 20 characters, cut with an ellipsis that counts', () => {
    expect(fitTemplateValue('thing1', '路灯不亮')).toBe('路灯不亮');
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    expect(fitTemplateValue('thing1', twenty)).toBe(twenty);
    const cut = fitTemplateValue('thing1', twenty + '多');
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut).toBe('一二三四五六七八九十一二三四五六七八九…');
  });

  it('thing: the reply’s first characters, whitespace folded', () => {
    expect(fitTemplateValue('thing2', '已清理完毕，\n  现场恢复整洁。感谢您的反映，欢迎继续监督！')).toBe('已清理完毕， 现场恢复整洁。感谢您的反…');
  });

  it('counts code points: an emoji is never split', () => {
    const v = fitTemplateValue('name1', '😀😀😀😀😀😀😀😀😀😀😀');
    expect(Array.from(v)).toHaveLength(10);
    expect(v.endsWith('…')).toBe(true);
    expect(v).not.toMatch(/[\uD800-\uDBFF]…/);
  });

  it('name: ≤ 10 characters', () => {
    expect(fitTemplateValue('name3', '欧阳娜娜')).toBe('欧阳娜娜');
    expect(fitTemplateValue('name3', '岳阳市城市管理和综合执法局')).toBe('岳阳市城市管理和综…');
  });

  it('phrase: ≤ 5 Chinese characters, no ellipsis, non-Chinese dropped', () => {
    expect(fitTemplateValue('phrase1', '已受理')).toBe('已受理');
    expect(fitTemplateValue('phrase1', '不予立案处理中')).toBe('不予立案处');
    expect(fitTemplateValue('phrase1', 'OK 已办结!')).toBe('已办结');
  });

  it('character_string / number / phone_number: hard cut, no ellipsis', () => {
    const code = 'YY20261201-000123-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    expect(fitTemplateValue('character_string2', code)).toBe(code.slice(0, 32));
    expect(fitTemplateValue('number5', '1234567890123456789012345678901234567')).toHaveLength(32);
    expect(fitTemplateValue('number5', '12 件')).toBe('12');
    expect(fitTemplateValue('phone_number6', '+86 0730-12345678 转 1234')).toHaveLength(17);
  });

  it('time: Beijing date-time; date: Beijing date; junk → empty', () => {
    expect(fitTemplateValue('time3', new Date('2026-12-01T16:05:00Z'))).toBe('2026-12-02 00:05');
    expect(fitTemplateValue('time3', '2026-05-01T01:02:03.000Z')).toBe('2026-05-01 09:02');
    expect(fitTemplateValue('date4', new Date('2026-12-01T16:05:00Z'))).toBe('2026-12-02');
    expect(fitTemplateValue('time3', 'not a time')).toBe('');
  });

  it('null and undefined become empty', () => {
    expect(fitTemplateValue('thing1', null)).toBe('');
    expect(fitTemplateValue('thing1', undefined)).toBe('');
  });
});

describe('fitTemplateData', () => {
  it('fits every value and leaves out keys without one', () => {
    expect(fitTemplateData({ thing1: '暴露垃圾', time2: 'bad', character_string3: 'YY1', thing4: '' })).toEqual({
      thing1: { value: '暴露垃圾' },
      character_string3: { value: 'YY1' },
    });
  });
});
