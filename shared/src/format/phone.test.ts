import { describe, expect, it } from 'vitest';
import { MOBILE_PHONE_PATTERN, isMobilePhone, maskPhone, normalizePhone } from './phone';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['+86 138 1234 1234', '138****1234'],
    ['0730-8221234', '073****1234'],
    ['12345', '****'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('isMobilePhone', () => {
  it.each([
    ['13812341234', true],
    ['19912341234', true],
    ['+8613812341234', true],
    ['138-1234-1234', true],
    ['12812341234', false],
    ['1381234123', false],
    ['138123412345', false],
    ['23812341234', false],
    ['1381234123a', false],
    [13812341234, false],
  ])('%s → %s', (input, expected) => {
    expect(isMobilePhone(input)).toBe(expected);
  });
  it('pattern and normalize', () => {
    expect(MOBILE_PHONE_PATTERN.test('15000000000')).toBe(true);
    expect(normalizePhone('0086 150 0000 0000')).toBe('15000000000');
    expect(normalizePhone('0730-8221234')).toBe('07308221234');
  });
});
