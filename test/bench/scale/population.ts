/**
 * The distributions the seeded year follows. Everything here is a weight or a text bank; the documents
 * themselves are built by the server's domain code (history.ts).
 */

/** 2021: 19.86万 cases handled by the bureau → ≈544 a day. */
export const CASES_PER_YEAR_2021 = 198_600;
export const CASES_PER_DAY = CASES_PER_YEAR_2021 / 365;

/**
 * 常住人口 of the 9 county-level divisions, the weights of where reports come from.
 * Sources (checked 2026-12-01; figures of different years differ by ~2%, which does not matter for weights):
 * - 第七次全国人口普查 (2020-11-01), each county's own 公报 (第一号):
 *   君山区 201,634 (中国人口普查分县资料—2020, as cited by zh.wikipedia 君山区);
 *   华容县 553,800 (华容县统计局, 2021-07-08); 湘阴县 583,984 (湘阴县统计局, 2021-06-30);
 *   临湘市 433,200 (临湘市统计局, 2021-07, linxiang.gov.cn); 汨罗市 560,725 (= 家庭户人口 516,610 + 集体户人口 44,115).
 * - 2022年末常住人口, 岳阳市统计局 as quoted from 《岳阳市2022年国民经济和社会发展统计公报》 (city total 501.75万):
 *   岳阳楼区 98.9万, 平江县 62.56万, 云溪区 15.21万 (the county-level 2020 figures were not found here).
 * - 岳阳县: no primary figure found; ≈80万 is the 2022 city total minus the other eight divisions, matching a
 *   secondary page's "约80万". Treat it as an estimate.
 */
export const DISTRICT_POPULATION: Readonly<Record<string, number>> = {
  '430602': 989_000, // 岳阳楼区
  '430603': 152_100, // 云溪区
  '430611': 201_634, // 君山区
  '430621': 800_000, // 岳阳县 (estimate, see above)
  '430623': 553_800, // 华容县
  '430624': 583_984, // 湘阴县
  '430626': 625_600, // 平江县
  '430681': 560_725, // 汨罗市
  '430682': 433_200, // 临湘市
};

/**
 * Relative frequency of each category (‰, plausible, not measured): street order and litter dominate
 * city-management reports (暴露垃圾, 占道/店外经营, 小广告, 乱停放), hazards are rare. A category the
 * catalogue has but this table does not gets DEFAULT_CATEGORY_WEIGHT.
 */
export const CATEGORY_WEIGHT: Readonly<Record<string, number>> = {
  '06010': 160, '09006': 120, '09005': 90, '07001': 90, '09010': 60, '06011': 60, '09011': 50, '06013': 45,
  '01037': 40, '09001': 40, '06028': 35, '06014': 25, '08001': 25, '08004': 25, '08005': 20, '06029': 20,
  '07003': 15, '90001': 15, '01002': 12, '90004': 12, '01003': 10, '09012': 10, '01001': 8, '02001': 6,
  '90002': 6, '01011': 3, '90003': 3, '90005': 3, '01049': 1, '01057': 1,
};
export const DEFAULT_CATEGORY_WEIGHT = 5;

/** What residents write, by category (a few variants each), else by major class. */
const TEXT_BY_CODE: Readonly<Record<string, readonly string[]>> = {
  '06010': ['路边有一堆生活垃圾无人清理，已经有异味了。', '垃圾桶旁边堆满了袋装垃圾，野狗在翻。', '小区门口的绿化带里被扔了很多垃圾。'],
  '06011': ['空地上堆了很多建筑垃圾和渣土，很久没人清运。', '河边积存了大量垃圾渣土。'],
  '06013': ['路面有一处坑洼，下雨后积水，电动车容易摔倒。', '人行道地砖松动破损，老人差点绊倒。'],
  '06014': ['渣土车经过后路面洒落了很多泥土碎石。'],
  '06028': ['楼下商铺的音响声音很大，晚上十点以后还在放。'],
  '06029': ['夜市有人占道露天烧烤，油烟很大。'],
  '07001': ['电线杆和墙面上贴满了小广告。', '单元门口被喷涂了办证的小广告。'],
  '07003': ['店铺招牌悬挂不牢，大风天摇摇晃晃。'],
  '08001': ['工地夜间施工噪音很大，影响休息。'],
  '08004': ['工地出入口没有冲洗车辆，路面全是泥土，扬尘很大。'],
  '08005': ['装修废料直接堆在楼道口。'],
  '09001': ['学校门口有流动摊贩，放学时很拥堵。'],
  '09005': ['店家把货物摆到人行道上经营，行人只能走机动车道。'],
  '09006': ['人行道上有流动摊贩占道经营，行人只能走机动车道。', '早市摊位占满了半条马路。'],
  '09010': ['电动车乱停在盲道上。'],
  '09011': ['共享单车堆满了公交站台。'],
  '09012': ['小区消防通道被私家车堵死了。'],
  '01037': ['这一段路灯晚上一直不亮，走夜路很不安全。'],
  '90001': ['下雨后路口渍水很深，车辆通行困难。'],
};
const TEXT_BY_GROUP: Readonly<Record<string, readonly string[]>> = {
  '01': ['井盖松动，车辆压过时响声很大。', '井盖缺失，旁边只放了一块砖，很危险。'],
  '02': ['停车场道闸坏了，车辆进出排长队。'],
  '90': ['发现安全隐患，请尽快派人处理。'],
};
export function descriptionFor(code: string, rnd: () => number): string {
  const bank = TEXT_BY_CODE[code] ?? TEXT_BY_GROUP[code.slice(0, 2)] ?? ['发现城市管理问题，请尽快处理。'];
  return bank[Math.floor(rnd() * bank.length)]!;
}

const ROADS = ['巴陵中路', '岳阳大道', '金鹗中路', '洞庭南路', '五里牌路', '湖滨大道', '青年中路', '建湘路', '人民路', '解放路', '建设路', '新华路', '迎宾路', '城东路', '站前路', '学院路'];
export function addressFor(districtName: string, street: string | undefined, rnd: () => number): string {
  const road = ROADS[Math.floor(rnd() * ROADS.length)]!;
  return `${districtName}${street ?? ''}${road}${1 + Math.floor(rnd() * 400)}号附近`;
}

export const REPLIES = ['已安排人员到现场处置完毕，感谢您的反映。', '已联系责任单位整改到位。', '执法队员已到场劝离并规范经营秩序。', '已完成清运，后续将加强巡查。'];
export const REJECT_REASONS = ['经核实不属于城管职责范围，已告知市民向相关部门反映。', '现场核实未发现所反映问题。'];

/** Picks from weighted items with one uniform draw (cumulative table built once). */
export function weightedPicker<T>(items: readonly T[], weight: (t: T) => number): (u: number) => T {
  const cum: number[] = [];
  let total = 0;
  for (const it of items) cum.push((total += Math.max(0, weight(it))));
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}
