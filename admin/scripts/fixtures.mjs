// Contract-shaped fixtures for screenshots (scripts/screens.mjs); not used by the app.
const now = Date.now();
const iso = (minutes) => new Date(now + minutes * 60_000).toISOString();

const box = (x0, y0, x1, y1) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

export const districts = {
  items: [
    { code: '430602', name: '岳阳楼区', kind: 'district', geometry: box(113.05, 29.28, 113.2, 29.42) },
    { code: '430603', name: '云溪区', kind: 'district', geometry: box(113.2, 29.42, 113.4, 29.6) },
    { code: '430611', name: '君山区', kind: 'district', geometry: box(112.85, 29.35, 113.05, 29.6) },
    { code: '430621', name: '岳阳县', kind: 'district', geometry: box(113.0, 28.95, 113.35, 29.28) },
    { code: '430623', name: '华容县', kind: 'district', geometry: box(112.4, 29.35, 112.85, 29.75) },
    { code: '430624', name: '湘阴县', kind: 'district', geometry: box(112.7, 28.55, 113.0, 28.95) },
    { code: '430626', name: '平江县', kind: 'district', geometry: box(113.35, 28.5, 114.0, 29.05) },
    { code: '430681', name: '汨罗市', kind: 'district', geometry: box(113.0, 28.6, 113.35, 28.95) },
    { code: '430682', name: '临湘市', kind: 'district', geometry: box(113.4, 29.2, 113.9, 29.6) },
    { code: 'Z-NHXQ', name: '南湖新区', kind: 'zone', parentCodes: ['430602'], demo: true, geometry: JSON.stringify(box(113.12, 29.3, 113.17, 29.35)) },
  ],
};

export const categories = [
  { code: '06010', name: '暴露垃圾', group: '06', slaHours: 7, urgent: false },
  { code: '06013', name: '道路破损', group: '06', slaHours: 21, urgent: false },
  { code: '09001', name: '无照经营游商', group: '09', slaHours: 7, urgent: false },
  { code: '01037', name: '路灯异常', group: '01', slaHours: 14, urgent: false },
  { code: '90003', name: '燃气隐患', group: '90', slaHours: 2, urgent: true, notice: '请立即拨打 119 或燃气抢修电话' },
];

export const departments = {
  items: [
    { id: 'dep-js-hw', name: '君山区环境卫生服务中心', districtCode: '430611' },
    { id: 'dep-js-zf', name: '君山区城市管理综合执法大队', districtCode: '430611' },
    { id: 'dep-ylq-hw', name: '岳阳楼区环卫处', districtCode: '430602' },
  ],
};

const base = {
  location: { lat: 29.46, lng: 112.95 },
  districtCode: '430611',
  districtName: '君山区',
  reworkCount: 0,
  version: 1,
};

export const tickets = [
  { id: 't1', trackingNo: 'YY20261127000123', status: 'submitted', categoryCode: '06010', categoryName: '暴露垃圾', description: '君山公园东门垃圾桶满溢，周边散落大量生活垃圾', address: '君山区君山公园东门', dueAt: iso(150), overdue: false, createdAt: iso(-40), ...base },
  { id: 't2', trackingNo: 'YY20261127000118', status: 'submitted', categoryCode: '09001', categoryName: '无照经营游商', description: '学校门口流动摊贩占道经营', address: '君山区柳林洲街道', dueAt: iso(-35), overdue: true, createdAt: iso(-500), ...base },
  { id: 't3', trackingNo: 'YY20261126000087', status: 'submitted', categoryCode: '06013', categoryName: '道路破损', description: '人行道地砖大面积松动破损', address: '岳阳楼区洞庭南路', dueAt: iso(60 * 30), overdue: false, createdAt: iso(-900), location: { lat: 29.36, lng: 113.1 }, districtCode: '430602', districtName: '岳阳楼区', zoneCode: 'Z-NHXQ', zoneName: '南湖新区' },
];

export const counts = { submitted: 3, accepted: 5, dispatched: 12, resolved: 4, closed: 128, rejected: 6, overdue: 2 };

export const dispatchedDetail = () => ({
  ...detail,
  status: 'dispatched',
  department: { id: 'dep-js-hw', name: '君山区环境卫生服务中心' },
  possibleDuplicates: [],
  timeline: [
    ...detail.timeline,
    { at: iso(-30), type: 'accepted', label: '已立案', actor: { kind: 'staff', id: 'u1', name: '李调度' }, toStatus: 'accepted' },
    { at: iso(-20), type: 'dispatched', label: '已派遣', actor: { kind: 'staff', id: 'u1', name: '李调度' }, toStatus: 'dispatched', departmentName: '君山区环境卫生服务中心', note: '请尽快清理' },
  ],
});

export const handler = { id: 'u2', username: 'handler-js', displayName: '王处置', roles: ['handler'], districtCodes: ['430611'], departmentIds: ['dep-js-hw'] };

export const detail = {
  ...tickets[0],
  district: { code: '430611', name: '君山区' },
  departmentId: 'dep-js-hw',
  departmentName: '君山区环境卫生服务中心',
  department: { id: 'dep-js-hw', name: '君山区环境卫生服务中心' },
  reporter: { anonymous: false, phone: '138****1234', phoneMasked: true },
  afterPhotos: [],
  duplicateIds: [],
  photos: [
    { id: 'p1', url: '/admin/fixture-photo-1.svg', thumbnailUrl: '/admin/fixture-photo-1.svg' },
    { id: 'p2', url: '/admin/fixture-photo-2.svg', thumbnailUrl: '/admin/fixture-photo-2.svg' },
  ],
  routing: { reason: '坐标位于君山区；按规则「君山区·市容环境」派往 君山区环境卫生服务中心', ruleId: 'r1' },
  timeline: [
    { at: iso(-40), type: 'created', label: '提交上报', actor: { kind: 'citizen', id: 'c1', name: '市民' }, toStatus: 'submitted' },
  ],
  possibleDuplicates: [
    { id: 't9', trackingNo: 'YY20261127000101', categoryCode: '06010', status: 'submitted', createdAt: iso(-300), distanceMeters: 18 },
  ],
};

export const user = {
  id: 'u1',
  username: 'dispatcher1',
  displayName: '李调度',
  roles: ['dispatcher'],
  districtCodes: ['430611', '430602'],
  departmentIds: [],
};

export const users = {
  items: [
    { ...user, createdAt: iso(-10000), lastLoginAt: iso(-5) },
    { id: 'u2', username: 'handler-js', displayName: '王处置', roles: ['handler'], districtCodes: ['430611'], departmentIds: ['dep-js-hw'], createdAt: iso(-9000) },
    { id: 'u3', username: 'admin', displayName: '系统管理员', roles: ['admin'], districtCodes: [], departmentIds: [], createdAt: iso(-20000) },
    { id: 'u4', username: 'viewer1', displayName: '赵查看', roles: ['viewer'], districtCodes: [], departmentIds: [], disabled: true, createdAt: iso(-3000) },
  ],
  total: 4,
};

export const templates = {
  items: [
    { id: 'tp1', title: '已清理', text: '您好，您反映的问题已安排环卫人员清理完毕，感谢您对城市管理工作的支持！', categoryCode: '06010' },
    { id: 'tp2', title: '已劝离', text: '您好，执法队员已到场对占道经营行为进行劝导，摊贩已自行离开。' },
  ],
  total: 2,
};

export const audit = {
  items: [
    { id: 'a1', at: iso(-5), actor: { kind: 'staff', id: 'u1', name: '李调度' }, action: 'ticket.accept', targetType: 'ticket', targetId: 'YY20261127000099', ip: '10.1.2.3', details: {} },
    { id: 'a2', at: iso(-60), actor: { kind: 'staff', id: 'u3', name: '系统管理员' }, action: 'user.create', targetType: 'staff_user', targetId: 'u2', ip: '10.1.2.9', details: { username: 'handler-js' } },
    { id: 'a3', at: iso(-90), actor: { kind: 'anonymous', id: '', name: '' }, action: 'auth.login_failed', targetType: 'staff_user', targetId: '', ip: '10.1.2.77', details: { username: 'dispatcher1', reason: 'bad_password' } },
  ],
  total: 2,
};
