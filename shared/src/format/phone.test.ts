import { describe, expect, it } from 'vitest';
import { MOBILE_PHONE_PATTERN, PHONE_MESSAGES, isContactPhone, isMobilePhone, maskPhone, normalizePhone, phoneKind } from './phone';
import { ContactPhoneInput, MobilePhoneInput, PublishedPhoneInput } from '../schemas/phone';

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
  it('a landline is not a mobile', () => {
    expect(isMobilePhone('0730-8123456')).toBe(false);
  });
  it('pattern and normalize', () => {
    expect(MOBILE_PHONE_PATTERN.test('15000000000')).toBe(true);
    expect(normalizePhone('0086 150 0000 0000')).toBe('15000000000');
    expect(normalizePhone('0730-8221234')).toBe('07308221234');
  });
});

describe('contact phone: a mobile or a landline with area code', () => {
  it.each([
    ['13812341234', 'mobile'],
    ['+86 138 1234 1234', 'mobile'],
    ['0730-8123456', 'landline'],
    ['07308123456', 'landline'],
    ['010-12345678', 'landline'],
    ['0755-12345678', 'landline'],
    ['010-1234567', undefined],
    ['(0730) 8123456', 'landline'],
    ['0730-812345', undefined],
    ['730-8123456', undefined],
    ['0730-123456789', undefined],
    ['12319', undefined],
    ['', undefined],
    ['abc', undefined],
    [7308123456, undefined],
  ])('%s → %s', (input, kind) => {
    expect(phoneKind(input)).toBe(kind);
    expect(isContactPhone(input)).toBe(kind !== undefined);
  });
});

describe('the zod fields use the same rule and messages', () => {
  it('ContactPhoneInput stores a landline without separators and refuses with the shared message', () => {
    expect(ContactPhoneInput.parse(' 0730-8123456 ')).toBe('07308123456');
    expect(ContactPhoneInput.parse('+86 138 1234 1234')).toBe('13812341234');
    const bad = ContactPhoneInput.safeParse('0730-12');
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual([PHONE_MESSAGES.contactInvalid]);
  });
  it('PublishedPhoneInput keeps the number as written', () => {
    expect(PublishedPhoneInput.parse('0730-8888888')).toBe('0730-8888888');
    expect(PublishedPhoneInput.safeParse('12-34').success).toBe(false);
  });
  it('MobilePhoneInput refuses a landline', () => {
    expect(MobilePhoneInput.parse('138 1234 1234')).toBe('13812341234');
    const bad = MobilePhoneInput.safeParse('0730-8123456');
    expect(bad.error!.issues.map((i) => i.message)).toEqual([PHONE_MESSAGES.mobileInvalid]);
  });
});
