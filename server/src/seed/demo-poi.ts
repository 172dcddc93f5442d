import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { pointInGeometry, type AreaGeometry } from '@cgt/shared/geo/polygon';
import type { OpeningHours } from '@cgt/shared/poi/opening-hours';
import { mulberry32 } from '../domain/poi/prng.js';
import type { Models } from '../models/index.js';
import { poiDataChanged } from '../services/poi-index.js';

/**
 * Demo car parks and toilets (no open data with coordinates exists for Yueyang). Deterministic: a
 * seeded PRNG places points around each urban district's seat, kept only when inside that district's
 * real polygon; ids are derived from a hash, so every install gets the same set. All `demo: true`
 * (the apps show 示例数据); an administrator's import replaces them. Bump DEMO_VERSION to regenerate.
 */
export const DEMO_VERSION = 'demo-poi-v1';
const STAMP_ID = 'demo-poi';
const CAR_PARKS = 120;
const TOILETS = 300;

const URBAN = [
  { code: '430602', share: 0.6, sigmaDeg: 0.03, units: '岳阳楼区城市管理和综合执法局' },
  { code: '430603', share: 0.2, sigmaDeg: 0.025, units: '云溪区城市管理和综合执法局' },
  { code: '430611', share: 0.2, sigmaDeg: 0.025, units: '君山区城市管理和综合执法局' },
] as const;

const ROADS: Record<string, string[]> = {
  '430602': ['巴陵中路', '岳阳大道', '洞庭北路', '南湖大道', '金鹗中路', '建设路', '五里牌路', '东茅岭路', '花板桥路', '奇家岭路', '青年中路', '站前路', '求索路', '学院路', '枫桥湖路', '白石岭路', '梅溪路', '湖滨路'],
  '430603': ['云溪大道', '长炼路', '松阳湖路', '文桥路', '陆城大道', '八一路'],
  '430611': ['君山大道', '柳林洲路', '许市路', '广兴洲路', '钱粮湖路', '芦苇路'],
};

const SCHOOL_HOURS: OpeningHours = {
  is24h: false,
  rules: [
    { days: [1, 2, 3, 4, 5, 6, 7], dayType: 'workday', open: '18:00', close: '07:30' },
    { days: [1, 2, 3, 4, 5, 6, 7], dayType: 'restday', open: '00:00', close: '24:00' },
  ],
};
const ALL = [1, 2, 3, 4, 5, 6, 7];
const hours = (open: string, close: string, days = ALL): OpeningHours => ({ is24h: false, rules: [{ days, open, close }] });
const H24: OpeningHours = { is24h: true, rules: [] };

/** The car parks the bureau names (approximate positions, inside 岳阳楼区). */
const NAMED_CAR_PARKS = [
  { name: '王家河桥东停车场', lat: 29.3835, lng: 113.1215, kind: '公共停车场', total: 180, hours: H24 },
  { name: '破窑咀社会停车场', lat: 29.3725, lng: 113.1068, kind: '公共停车场', total: 150, hours: H24 },
  { name: '市五中错时开放停车场', lat: 29.3648, lng: 113.1152, kind: '学校错时开放', total: 80, hours: SCHOOL_HOURS },
  { name: '市九中错时开放停车场', lat: 29.3492, lng: 113.1381, kind: '学校错时开放', total: 60, hours: SCHOOL_HOURS },
  { name: '市十四中错时开放停车场', lat: 29.3893, lng: 113.1296, kind: '学校错时开放', total: 70, hours: SCHOOL_HOURS },
  { name: '市体校错时开放停车场', lat: 29.3431, lng: 113.1225, kind: '学校错时开放', total: 90, hours: SCHOOL_HOURS },
] as const;

function demoId(kind: string, i: number): string {
  return createHash('sha256').update(`cgt-demo-poi:${kind}:${i}`).digest('hex').slice(0, 24);
}

interface District {
  code: string;
  center: { lat: number; lng: number };
  geometry: AreaGeometry;
}

export function generateDemoPoi(districts: District[]): { carParks: Record<string, unknown>[]; toilets: Record<string, unknown>[] } {
  const rnd = mulberry32(20261127);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const chooseDistrict = () => {
    const r = rnd();
    let acc = 0;
    for (const u of URBAN) if (r < (acc += u.share)) return u;
    return URBAN[0];
  };
  const place = (u: (typeof URBAN)[number]) => {
    const d = byCode.get(u.code)!;
    for (let tries = 0; tries < 1000; tries++) {
      const p = { lat: d.center.lat + normal() * u.sigmaDeg, lng: d.center.lng + normal() * u.sigmaDeg };
      if (pointInGeometry(p, d.geometry)) return { lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) };
    }
    return d.center;
  };
  const seen = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let k = 2; seen.has(n); k++) n = `${name}（${k}）`;
    seen.add(n);
    return n;
  };

  const carParks: Record<string, unknown>[] = [];
  for (const n of NAMED_CAR_PARKS) {
    const d = byCode.get('430602')!;
    const loc = pointInGeometry(n, d.geometry) ? { lat: n.lat, lng: n.lng } : place(URBAN[0]);
    carParks.push({
      _id: demoId('carPark', carParks.length),
      name: unique(n.name),
      address: `岳阳市岳阳楼区${n.name.replace(/停车场$/, '')}`,
      location: loc,
      kind: n.kind,
      totalSpaces: n.total,
      feeText: n.kind === '学校错时开放' ? '错时开放期间免费，请于次日 07:30 前驶离' : '首小时 3 元，之后每小时 2 元，24 小时封顶 20 元',
      openingHours: n.hours,
      evChargers: n.kind === '学校错时开放' ? 0 : 6,
      accessibleSpaces: Math.max(1, Math.round(n.total / 50)),
      districtCode: '430602',
      demo: true,
    });
  }
  while (carParks.length < CAR_PARKS) {
    const u = chooseDistrict();
    const road = pick(ROADS[u.code]!);
    const r = rnd();
    const kind = r < 0.4 ? '公共停车场' : r < 0.7 ? '路内泊位' : '商业';
    const total = kind === '路内泊位' ? 10 + Math.floor(rnd() * 50) : kind === '公共停车场' ? 50 + Math.floor(rnd() * 350) : 100 + Math.floor(rnd() * 700);
    const name = kind === '路内泊位' ? `${road}路内泊位` : kind === '商业' ? `${road}${pick(['购物中心', '商业广场', '步行街', '酒店'])}停车场` : `${road}公共停车场`;
    carParks.push({
      _id: demoId('carPark', carParks.length),
      name: unique(name),
      address: `岳阳市${road}${1 + Math.floor(rnd() * 300)}号附近`,
      location: place(u),
      kind,
      totalSpaces: total,
      feeText: kind === '路内泊位' ? '07:30–19:30 首小时 2 元，之后每半小时 1 元；夜间免费' : kind === '商业' ? '消费满 100 元免费 2 小时；其余每小时 5 元' : '首小时 3 元，之后每小时 2 元，24 小时封顶 20 元',
      openingHours: kind === '商业' && rnd() < 0.6 ? hours('08:00', '23:00') : H24,
      evChargers: kind === '路内泊位' ? 0 : Math.floor(rnd() * 12),
      accessibleSpaces: Math.max(kind === '路内泊位' ? 0 : 1, Math.round((total / 50) * rnd())),
      districtCode: u.code,
      demo: true,
    });
  }

  const toilets: Record<string, unknown>[] = [];
  while (toilets.length < TOILETS) {
    const u = chooseDistrict();
    const road = pick(ROADS[u.code]!);
    const r = rnd();
    const kind = r < 0.65 ? '固定' : r < 0.8 ? '移动' : '沿街开放单位';
    const name =
      kind === '固定' ? `${road}${pick(['公厕', '公园公厕', '广场公厕', '环卫公厕'])}` : kind === '移动' ? `${road}移动公厕` : `${pick(['中国石化加油站', '工商银行网点', '社区服务中心', '连锁超市', '邮政营业厅'])}（${road}）开放厕所`;
    const openingHours = kind === '固定' ? (rnd() < 0.55 ? H24 : hours('06:00', '23:00')) : kind === '移动' ? hours('07:00', '22:00') : rnd() < 0.5 ? hours('08:30', '20:30') : hours('09:00', '17:00', [1, 2, 3, 4, 5]);
    toilets.push({
      _id: demoId('toilet', toilets.length),
      name: unique(name),
      address: `岳阳市${road}${1 + Math.floor(rnd() * 300)}号附近`,
      location: place(u),
      kind,
      openingHours,
      accessible: kind === '固定' ? rnd() < 0.7 : rnd() < 0.2,
      thirdRestroom: kind === '固定' && rnd() < 0.25,
      babyRoom: kind !== '移动' && rnd() < 0.2,
      managingUnit: kind === '沿街开放单位' ? '所在单位' : `${u.units}环卫所`,
      districtCode: u.code,
      demo: true,
    });
  }
  return { carParks, toilets };
}

/**
 * Loads the demo set once per DEMO_VERSION (stamped in seed_stamps). A kind that already holds real
 * (imported) records gets no demo data: real data is never mixed with generated points again.
 */
export async function seedDemoPoi(models: Models, log: Logger): Promise<void> {
  const stamp = await models.SeedStamp.findById(STAMP_ID).lean();
  if (stamp?.version === DEMO_VERSION) return;
  const docs = await models.District.find({ code: { $in: URBAN.map((u) => u.code) } }, { code: 1, center: 1, geometry: 1 }).lean();
  if (docs.length < URBAN.length) return; // districts not loaded: nothing to place points in
  const districts = docs.map((d) => ({ code: d.code, center: { lat: d.center?.lat ?? 0, lng: d.center?.lng ?? 0 }, geometry: JSON.parse(d.geometry) as AreaGeometry }));
  const { carParks, toilets } = generateDemoPoi(districts);
  let count = 0;
  for (const [model, rows] of [
    [models.CarPark, carParks],
    [models.Toilet, toilets],
  ] as const) {
    const m = model as unknown as {
      countDocuments(f: object): Promise<number>;
      deleteMany(f: object): Promise<unknown>;
      insertMany(d: object[], o: object): Promise<unknown>;
    };
    if ((await m.countDocuments({ demo: { $ne: true } })) > 0) continue;
    await m.deleteMany({ demo: true });
    // deterministic ids: a second instance seeding at the same moment hits E11000, which is fine
    await m.insertMany(rows, { ordered: false }).catch((err: unknown) => {
      if ((err as { code?: number }).code !== 11000) throw err;
    });
    count += rows.length;
  }
  await models.SeedStamp.updateOne({ _id: STAMP_ID }, { $set: { version: DEMO_VERSION, count } }, { upsert: true });
  await poiDataChanged({ models });
  log.info({ seed: STAMP_ID, version: DEMO_VERSION, count }, 'seed loaded');
}
