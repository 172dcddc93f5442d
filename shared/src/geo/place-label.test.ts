import { describe, expect, it } from 'vitest';
import { placeLabel } from './place-label';

describe('placeLabel', () => {
  it('district · street unit', () => {
    expect(placeLabel('君山区', '柳林洲街道')).toBe('君山区 · 柳林洲街道');
  });
  it('leaves out what is unknown or repeated', () => {
    expect(placeLabel('君山区', null)).toBe('君山区');
    expect(placeLabel('君山区', ' ')).toBe('君山区');
    expect(placeLabel('', '柳林洲街道')).toBe('柳林洲街道');
    expect(placeLabel('君山区', '君山区')).toBe('君山区');
    expect(placeLabel(undefined, undefined)).toBe('');
  });
});
