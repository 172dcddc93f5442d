import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Button, Descriptions, message, Modal, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { DownloadOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import dayjs from 'dayjs';
import { exportAudit, listAudit, type AuditQuery } from '../../services/audit';
import type { AuditEntry } from '../../services/types';
import { auditActionLabel, knownAuditActions } from '@cgt/shared/audit/labels';
import { actorText, detailFields, targetPath, targetText } from './audit-view';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

type AuditParams = { actorId?: string; action?: string; targetId?: string; from?: string; to?: string; current?: number; pageSize?: number };

/** 审计日志 (admin): who did what to which record, when and from where. Append-only; read here only. */
export default function Audit() {
  // the filters of the list as last queried: the export uses the same ones
  const filters = useRef<AuditQuery>({});
  const [exporting, setExporting] = useState(false);
  const [raw, setRaw] = useState<AuditEntry | null>(null);
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
      valueType: 'select',
      fieldProps: { showSearch: true, placeholder: '全部操作', options: knownAuditActions(), optionFilterProp: 'label' },
      render: (_, e) => <span title={e.action}>{auditActionLabel(e.action)}</span>,
    },
    {
      title: '对象',
      dataIndex: 'targetId',
      width: 220,
      fieldProps: { placeholder: '对象 ID' },
      render: (_, e) => {
        const to = targetPath(e);
        return to ? <Link to={to}>{targetText(e)}</Link> : targetText(e);
      },
    },
    { title: 'IP', dataIndex: 'ip', search: false, width: 130 },
    {
      title: '详情',
      dataIndex: 'details',
      search: false,
      render: (_, e) => {
        const fields = detailFields(e.details);
        return (
          <Space size={[12, 0]} wrap>
            {fields.map((f) => (
              <Typography.Text key={f.label} style={{ fontSize: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.label}：</Typography.Text>
                {f.value}
              </Typography.Text>
            ))}
            <Typography.Link style={{ fontSize: 12 }} onClick={() => setRaw(e)} data-testid="audit-raw">
              原始记录
            </Typography.Link>
          </Space>
        );
      },
    },
  ];
  const request = useLatestTableRequest<AuditEntry, AuditParams>(async ({ actorId, action, targetId, from, to, current, pageSize }, _sort, _filter, signal) => {
    if (signal.aborted) return { data: [], success: false };
    filters.current = { actorId, action, targetId, from, to };
    const res = await listAudit({ actorId, action, targetId, from, to, page: current, pageSize }, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <>
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
      <Modal title="原始记录" open={!!raw} onCancel={() => setRaw(null)} footer={null} width={640}>
        {raw ? (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label="操作">{auditActionLabel(raw.action)}（{raw.action}）</Descriptions.Item>
              <Descriptions.Item label="操作人">{actorText(raw)}（{raw.actor.kind} {raw.actor.id}）</Descriptions.Item>
              <Descriptions.Item label="对象">{raw.targetType} {raw.targetId}</Descriptions.Item>
            </Descriptions>
            <pre data-testid="audit-raw-json" style={{ maxHeight: 360, overflow: 'auto', background: '#fafafa', padding: 12, fontSize: 12 }}>
              {JSON.stringify(raw, null, 2)}
            </pre>
          </>
        ) : null}
      </Modal>
    </>
  );
}
