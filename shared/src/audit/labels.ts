import { ACTION_LABELS, isTicketAction } from '../ticket/machine';
import { EXTENSION_ACTION_LABELS } from '../ticket/extension';
import { COMPLAINT_ACTION_LABELS, COMPLAINT_ACTIONS, type ComplaintAction } from '../complaint/machine';

/**
 * What an audit entry says, in words: the action (`complaint.register` → 登记信访件), the kind of record it
 * touched and the names of its detail fields. The console's audit page shows these; the raw codes stay in
 * the record (and in the CSV export) for machines.
 */

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.login_locked': '锁定期内尝试登录',
  'auth.account_locked': '账号锁定',
  'auth.login_many_ips': '同一账号多地址登录失败（告警）',
  'auth.password_change': '修改密码',
  'auth.refresh_reused': '刷新令牌重复使用（会话吊销）',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.unlock': '解除锁定',
  'user.reset_password': '重置密码',
  'reply_template.create': '新建常用语',
  'reply_template.update': '修改常用语',
  'reply_template.delete': '删除常用语',
  'zones.import': '导入功能区边界',
  'zone.import': '导入功能区边界',
  'department.create': '新建处置单位',
  'department.update': '修改处置单位',
  'routing_rule.create': '新建分派规则',
  'routing_rule.update': '修改分派规则',
  'routing_rule.delete': '删除分派规则',
  'category.update': '修改问题类型',
  'waste.item.create': '新建垃圾分类条目',
  'waste.item.update': '修改垃圾分类条目',
  'waste.item.delete': '删除垃圾分类条目',
  'waste.item.import': '导入垃圾分类条目',
  'waste.item.export': '导出垃圾分类条目',
  'waste.category.update': '修改垃圾类别',
  'car_park.create': '新建停车场',
  'car_park.update': '修改停车场',
  'car_park.delete': '删除停车场',
  'car_park.import': '导入停车场',
  'car_park.export': '导出停车场',
  'toilet.create': '新建公厕',
  'toilet.update': '修改公厕',
  'toilet.delete': '删除公厕',
  'toilet.import': '导入公厕',
  'toilet.export': '导出公厕',
  'parking_operator.create': '新建停车运营方',
  'parking_operator.update': '修改停车运营方',
  'parking_operator.delete': '删除停车运营方',
  'parking_operator.rotate_key': '轮换停车运营方密钥',
  'notification_templates.replace': '修改消息模板',
  'outbox.retry': '重发通知',
  'stats.weights.save': '保存考核权重',
  'ticket.intake': '录入工单',
  'ticket.content_release': '内容审核放行',
  'ticket.supervise': '督办工单',
  'complaint.register': '登记信访件',
  'complaint.rate': '信访人评价',
  'complaint.link_ticket': '信访件关联工单',
  'complaint.unlink_ticket': '信访件取消关联工单',
  'personal_data.ticket_phone': '查看工单联系电话（完整）',
  'personal_data.complaint_phone': '查看信访人电话（完整）',
  'personal_data.complaint_id_number': '查看信访人身份证号（完整）',
  'personal_data.complaint_search_id_number': '按身份证号查找信访件',
  'personal_data.export': '导出个人信息',
  'me.export': '居民导出本人数据',
  'me.delete': '居民注销账号',
};

/** `ticket.accept` → 工单受理, `complaint.assign` → 信访件交办承办单位; an unknown code stays as it is. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const [head, tail = ''] = [action.slice(0, action.indexOf('.')), action.slice(action.indexOf('.') + 1)];
  if (head === 'ticket' && isTicketAction(tail)) return `工单${ACTION_LABELS[tail]}`;
  if (head === 'ticket' && tail in EXTENSION_ACTION_LABELS) return `工单${EXTENSION_ACTION_LABELS[tail as keyof typeof EXTENSION_ACTION_LABELS]}`;
  if (head === 'complaint' && (COMPLAINT_ACTIONS as readonly string[]).includes(tail)) return `信访件${COMPLAINT_ACTION_LABELS[tail as ComplaintAction]}`;
  return action;
}

/** Every action code the server writes that has a label, for the audit page's filter. */
export function knownAuditActions(): { value: string; label: string }[] {
  const codes = [
    ...Object.keys(AUDIT_ACTION_LABELS),
    ...Object.keys(ACTION_LABELS).map((a) => `ticket.${a}`),
    ...Object.keys(EXTENSION_ACTION_LABELS).map((a) => `ticket.${a}`),
    ...COMPLAINT_ACTIONS.map((a) => `complaint.${a}`),
  ];
  return [...new Set(codes)].map((value) => ({ value, label: auditActionLabel(value) }));
}

export const AUDIT_TARGET_LABELS: Readonly<Record<string, string>> = {
  ticket: '工单',
  complaint: '信访件',
  user: '用户',
  staff_user: '用户',
  citizen: '居民',
  template: '常用语',
  reply_template: '常用语',
  notification_template: '消息模板',
  routing_rule: '分派规则',
  zone: '功能区',
  department: '处置单位',
  district: '辖区',
  category: '问题类型',
  waste_item: '垃圾分类条目',
  waste_category: '垃圾类别',
  car_park: '停车场',
  toilet: '公厕',
  parking_operator: '停车运营方',
  stat_weights: '考核权重',
  outbox: '通知',
};

/** Names of the detail fields commands write, in the order they are best read. */
export const AUDIT_DETAIL_LABELS: Readonly<Record<string, string>> = {
  trackingNo: '工单编号',
  caseNo: '信访件编号',
  username: '用户名',
  name: '名称',
  title: '标题',
  from: '原状态',
  to: '新状态',
  reason: '原因',
  note: '说明',
  departmentName: '处置单位',
  departmentId: '处置单位 ID',
  districtCode: '区县',
  roles: '角色',
  changed: '修改的字段',
  fields: '字段',
  scope: '归属',
  count: '条数',
  format: '格式',
  route: '接口',
  ips: '来源地址',
  failures: '失败次数',
  version: '版本',
  channel: '渠道',
  externalNo: '外部编号',
};
