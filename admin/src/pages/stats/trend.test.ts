import { describe, expect, it } from 'vitest';
import { indicatorDef } from '@cgt/shared/stats/indicators';
import { trendOf } from './trend';

const def = (name: string) => indicatorDef(name)!;

describe('环比 arrows', () => {
  it('a higher rate is good unless lower is better', () => {
    expect(trendOf(def('onTimeHandleRate'), 0.9, 0.8)).toEqual({ direction: 'up', tone: 'good' });
    expect(trendOf(def('onTimeHandleRate'), 0.7, 0.8)).toEqual({ direction: 'down', tone: 'bad' });
    expect(trendOf(def('reworkRate'), 0.2, 0.1)).toEqual({ direction: 'up', tone: 'bad' });
    expect(trendOf(def('reworkRate'), 0.05, 0.1)).toEqual({ direction: 'down', tone: 'good' });
  });

  it('counts only show the direction; tiny changes are 持平', () => {
    expect(trendOf(def('closedCount'), 12, 10)).toEqual({ direction: 'up', tone: 'neutral' });
    expect(trendOf(def('onTimeHandleRate'), 0.8002, 0.8)).toEqual({ direction: 'same', tone: 'neutral' });
    expect(trendOf(null, 88.0, 88.02)).toEqual({ direction: 'same', tone: 'neutral' });
    expect(trendOf(null, 91, 88)).toEqual({ direction: 'up', tone: 'good' });
  });

  it('no arrow when either period has no value (empty denominator)', () => {
    expect(trendOf(def('onTimeHandleRate'), null, 0.8)).toBeNull();
    expect(trendOf(def('onTimeHandleRate'), 0.8, null)).toBeNull();
    expect(trendOf(def('onTimeHandleRate'), 0.8, undefined)).toBeNull();
    expect(trendOf(def('closedCount'), 0, 0)).toBeNull();
  });
});
