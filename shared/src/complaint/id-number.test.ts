import { describe, expect, it } from 'vitest';
import { idCheckChar, idNumberProblem, isValidIdNumber, maskIdNumber, normalizeIdNumber } from './id-number';

const TODAY = new Date('2026-11-27T00:00:00Z');

describe('居民身份证号码 (GB 11643) check', () => {
  it.each(['11010519491231002X', '430602198503121237', '430602200002290016', '43060219880808123X', '430682197607045520'])('%s is valid', (id) => {
    expect(idNumberProblem(id, TODAY)).toBeNull();
    expect(isValidIdNumber(id, TODAY)).toBe(true);
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('43060219850312123')).toBe('7');
  });

  it.each([
    ['430602198503121238', 'checksum'], // last digit off by one
    ['430602198503121273', 'checksum'], // two digits swapped
    ['11010519491231002 1', 'checksum'],
    ['430611199002290017', 'birth_date'], // 1990 is not a leap year (checksum itself is right)
    ['430602198513121230', 'birth_date'], // month 13
    ['430602203001011234', 'birth_date'], // born in the future
    ['990602198503121236', 'region'], // no province 99 (checksum right)
    ['43060219850312123', 'format'], // 17 characters
    ['43060285031212', 'format'], // 15-digit first-generation number
    ['43060219850312123Y', 'format'],
    ['', 'format'],
  ])('%s → %s', (id, problem) => {
    expect(idNumberProblem(id, TODAY)).toBe(problem);
  });

  it('normalizes spaces and a lower-case x', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(isValidIdNumber('11010519491231002x', TODAY)).toBe(true);
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('430602198503121237')).toBe('430***********1237');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('123')).toBe('***');
  });
});
