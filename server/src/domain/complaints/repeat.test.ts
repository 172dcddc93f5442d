import { describe, expect, it } from 'vitest';
import { findRepeats, matterSimilarity, matterText, REPEAT_SIMILARITY_THRESHOLD } from './repeat';

const BBQ = matterText('取缔小区门口的夜间烧烤摊', '小区门口烧烤摊每晚营业到凌晨两点，油烟和噪音扰民严重');
const BBQ_AGAIN = matterText('依法取缔门口烧烤摊', '我之前反映过小区门口烧烤摊夜间噪音油烟扰民，至今仍未解决');
const BBQ_SHORT = matterText('取缔烧烤摊', '门口烧烤摊还在，半夜吵得睡不着');
const MANHOLE = matterText('尽快修复井盖', '人行道上的井盖破损，老人差点摔倒');
const ILLEGAL_BUILDING = matterText('要求拆除违章建筑', '邻居在楼顶搭建违章建筑，影响采光');
const SQUARE_DANCE = matterText('要求城管处理小区噪音', '小区门口广场舞音响太大，晚上十点后仍然扰民');
const FRUIT_STALL = matterText('要求城管处理小区门口的问题', '小区门口占道经营的水果摊，堵塞交通');

describe('similar matter', () => {
  it.each([
    ['restatement of the same matter', BBQ, BBQ_AGAIN],
    ['short follow-up of the same matter', BBQ, BBQ_SHORT],
  ])('%s is similar', (_name, a, b) => {
    expect(matterSimilarity(a, b)).toBeGreaterThanOrEqual(REPEAT_SIMILARITY_THRESHOLD);
  });

  it.each([
    ['manhole vs barbecue', BBQ, MANHOLE],
    ['illegal building vs barbecue', BBQ, ILLEGAL_BUILDING],
    ['square-dance noise vs barbecue noise', BBQ, SQUARE_DANCE],
    ['fruit stall vs barbecue (both 门口)', BBQ, FRUIT_STALL],
    ['fruit stall vs square dance (same boilerplate)', SQUARE_DANCE, FRUIT_STALL],
  ])('%s is not similar', (_name, a, b) => {
    expect(matterSimilarity(a, b)).toBeLessThan(REPEAT_SIMILARITY_THRESHOLD);
  });

  it('ignores punctuation, case and boilerplate', () => {
    expect(matterText('要求：尽快处理！', 'ABC 问题')).toBe('abc');
    expect(matterSimilarity('', BBQ)).toBe(0);
  });
});

describe('findRepeats', () => {
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  const earlier = [
    { id: 'b', caseNo: 'YYXF2026-000002', citizenId: null, idNumberHash: 'H1', matterText: BBQ, registeredAt: at('2026-03-01') },
    { id: 'a', caseNo: 'YYXF2026-000001', citizenId: 'c1', idNumberHash: 'H9', matterText: BBQ_AGAIN, registeredAt: at('2026-02-01') },
    { id: 'c', caseNo: 'YYXF2026-000003', citizenId: 'c1', idNumberHash: 'H1', matterText: MANHOLE, registeredAt: at('2026-03-05') },
    { id: 'd', caseNo: 'YYXF2026-000004', citizenId: 'c2', idNumberHash: 'H2', matterText: BBQ, registeredAt: at('2026-03-06') },
  ];
  it('same ID number (any channel) or same account, similar matter; oldest first; another person never', () => {
    const r = findRepeats({ citizenId: 'c1', idNumberHash: 'H1', matterText: BBQ_SHORT }, earlier);
    expect(r.map((x) => x.id)).toEqual(['a', 'b']);
  });
  it('a resident-less (office-registered) case matches on the ID number only', () => {
    expect(findRepeats({ citizenId: null, idNumberHash: 'H9', matterText: BBQ }, earlier).map((x) => x.id)).toEqual(['a']);
  });
  it('excludes the case itself', () => {
    expect(findRepeats({ citizenId: null, idNumberHash: 'H1', matterText: BBQ, excludeId: 'b' }, earlier)).toEqual([]);
  });
});
