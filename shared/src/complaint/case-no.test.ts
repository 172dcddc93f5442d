import { describe, expect, it } from 'vitest';
import { caseYear, formatCaseNo, parseCaseNo } from './case-no';

describe('信访件编号', () => {
  it('formats with the Shanghai year', () => {
    expect(formatCaseNo(new Date('2026-05-01T02:00:00Z'), 123)).toBe('YYXF2026-000123');
    // 2026-12-31 17:00 UTC is already 2027-01-01 in Shanghai
    expect(caseYear(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(formatCaseNo(new Date('2026-12-31T17:00:00Z'), 1)).toBe('YYXF2027-000001');
  });
  it('refuses sequences out of range', () => {
    expect(() => formatCaseNo(new Date(), 0)).toThrow(RangeError);
    expect(() => formatCaseNo(new Date(), 1_000_000)).toThrow(RangeError);
  });
  it('parses, case-insensitive, and refuses ticket numbers', () => {
    expect(parseCaseNo(' yyxf2026-000123 ')).toEqual({ year: 2026, seq: 123 });
    expect(parseCaseNo('YY20261127-000123')).toBeNull();
    expect(parseCaseNo('YYXF2026-000000')).toBeNull();
  });
});
