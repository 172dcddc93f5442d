import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, message, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import dayjs from 'dayjs';
import { exportAudit, listAudit, type AuditQuery } from '../../services/audit';
import type { AuditEntry } from '../../services/types';
import { actionLabel as ticketActionLabel } from '../tickets/actions';
import { isTicketAction } from '@cgt/shared/ticket/machine';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.login_locked': '锁定期内尝试登录',
  'auth.account_locked': '账号锁定',
  'auth.password_change': '修改密码',
  'auth.refresh_reused': '刷新令牌重复使用（会话吊销）',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
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
  'parking_operator.create': '新建停车运营方',
  'parking_operator.update': '修改停车运营方',
  'parking_operator.delete': '删除停车运营方',
  'parking_operator.rotate_key': '轮换停车运营方密钥',
  'personal_data.ticket_phone': '查看工单联系电话（完整）',
  'personal_data.complaint_id_number': '查看信访人身份证号（完整）',
  'personal_data.complaint_search_id_number': '按身份证号查找信访件',
  'personal_data.export': '导出个人信息',
  'me.export': '居民导出本人数据',
  'me.delete': '居民注销账号',
};

/** `ticket.accept` / `accept` → 受理; known non-ticket actions → Chinese; otherwise the raw id. */
export function auditActionLabel(action: string): string {
  if (AUDIT_ACTIONS[action]) return AUDIT_ACTIONS[action];
  const tail = action.startsWith('ticket.') ? action.slice(7) : action;
  return isTicketAction(tail) ? `工单${ticketActionLabel(tail)}` : action;
}

const TARGET_TYPES: Record<string, string> = {
  ticket: '工单',
  user: '用户',
  staff_user: '用户',
  template: '常用语',
  reply_template: '常用语',
  routing_rule: '分派规则',
  zone: '功能区',
  department: '部门',
  district: '辖区',
  category: '问题类型',
};

function targetText(e: AuditEntry): string {
  const type = e.targetType;
  // Prefer a human label the server put in details (tracking number, username, name) over the raw id.
  const d = e.details ?? {};
  const human = [d.trackingNo, d.username, d.name, d.title].find((v): v is string => typeof v === 'string' && v.length > 0);
  const id = human ?? e.targetId;
  const text = `${TARGET_TYPES[type] ?? type} ${id}`.trim();
  return text || '—';
}

function actorText(e: AuditEntry): string {
  const a = e.actor;
  if (a.kind === 'anonymous') return '匿名';
  if (a.kind === 'system') return '系统';
  const extra = a.kind === 'citizen' ? '居民' : '';
  return a.name ? `${a.name}${extra ? `（${extra}）` : ''}` : a.id || '—';
}

type AuditParams = { actorId?: string; action?: string; targetId?: string; from?: string; to?: string; current?: number; pageSize?: number };

/** 审计日志 (admin): who did what to which record, when and from where. Append-only; read here only. */
export default function Audit() {
  // the filters of the list as last queried: the export uses the same ones
  const filters = useRef<AuditQuery>({});
  const [exporting, setExporting] = useState(false);
  const onExport = async () => {
    setExporting(true);
    try {
      await exportAudit(filters.current);
    } catch (err) {
      message.error(`导出失败：${(err as Error).message}`);
    } finally {
      setExporting(false);
    }
  };
  const columns: ProColumns<AuditEntry>[] = [
    {
      title: '时间',
      dataIndex: 'at',
      valueType: 'dateRange',
      width: 170,
      render: (_, e) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'),
      search: {
        transform: (v: [string, string]) => ({
          from: dayjs(v[0]).startOf('day').toISOString(),
          to: dayjs(v[1]).endOf('day').toISOString(),
        }),
      },
    },
    {
      title: '操作人',
      dataIndex: 'actorId',
      width: 160,
      fieldProps: { placeholder: '用户 ID' },
      render: (_, e) => actorText(e),
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 140,
      fieldProps: { placeholder: '如 ticket.accept' },
      render: (_, e) => auditActionLabel(e.action),
    },
    { title: '对象', dataIndex: 'targetId', width: 200, fieldProps: { placeholder: '对象 ID' }, render: (_, e) => targetText(e) },
    { title: 'IP', dataIndex: 'ip', search: false, width: 130 },
    {
      title: '详情',
      dataIndex: 'details',
      search: false,
      ellipsis: true,
      render: (_, e) =>
        e.details && Object.keys(e.details).length > 0 ? (
          <Typography.Text type="secondary">{JSON.stringify(e.details)}</Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  const request = useLatestTableRequest<AuditEntry, AuditParams>(async ({ actorId, action, targetId, from, to, current, pageSize }, _sort, _filter, signal) => {
    if (signal.aborted) return { data: [], success: false };
    filters.current = { actorId, action, targetId, from, to };
    const res = await listAudit({ actorId, action, targetId, from, to, page: current, pageSize }, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <ProTable<AuditEntry, AuditParams>
      rowKey="id"
      headerTitle="审计日志"
      columns={columns}
      search={{ labelWidth: 'auto' }}
      pagination={{ defaultPageSize: 50 }}
      toolBarRender={() => [
        <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
          导出 CSV
        </Button>,
      ]}
      request={request}
    />
  );
}
