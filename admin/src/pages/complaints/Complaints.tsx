import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Badge, Button, Card, Input, Modal, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { IdcardOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { listDistricts } from '../../services/districts';
import { listBacklog, listComplaints, searchByIdNumber, type ComplaintItem, type ComplaintListQuery, type RegisterComplaintResult } from '../../services/complaints';
import type { District } from '../../services/types';
import { DeadlineList, DueTag } from './deadlines';
import {
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATE_LABELS,
  COMPLAINT_STATES,
  COMPLAINT_TYPE_LABELS,
  COMPLAINT_TYPES,
  options,
  stateColor,
} from './labels';
import { RegisterForm } from './RegisterForm';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

type Filters = { q?: string; status?: string; channel?: string; type?: string; flags?: string; sort?: string; current?: number; pageSize?: number };

/** Columns shared by the registry, the 积案 list and the ID-number search. */
function caseColumns(withFilters: boolean): ProColumns<ComplaintItem>[] {
  const s = (search: boolean) => (withFilters && search ? undefined : false);
  return [
    { title: '编号 / 姓名', dataIndex: 'q', hideInTable: true, search: s(true), fieldProps: { placeholder: '信访件编号或信访人姓名' } },
    {
      title: '编号',
      dataIndex: 'caseNo',
      search: false,
      width: 170,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/complaints/${c.id}`}>{c.caseNo}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>登记于 {dayjs(c.registeredAt).format('YYYY-MM-DD')}</Typography.Text>
          <Space size={4}>
            {c.isRepeat && (
              <Tooltip title={c.repeatOfCaseNos.length ? `重复：${c.repeatOfCaseNos.join('、')}` : undefined}>
                <Tag color="magenta">重复信访</Tag>
              </Tooltip>
            )}
            {c.extended && <Tag>已延期</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: '信访人',
      dataIndex: 'petitionerName',
      search: false,
      width: 150,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          {c.petitionerName}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.idNumberMasked}</Typography.Text>
        </Space>
      ),
    },
    { title: '渠道', dataIndex: 'channel', valueType: 'select', search: s(true), hideInTable: true, fieldProps: { options: options(COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS) } },
    { title: '类型', dataIndex: 'type', valueType: 'select', search: s(true), hideInTable: true, fieldProps: { options: options(COMPLAINT_TYPES, COMPLAINT_TYPE_LABELS) } },
    {
      title: '渠道 / 类型',
      dataIndex: 'channelType',
      search: false,
      width: 100,
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          {c.channelLabel}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.typeLabel}</Typography.Text>
        </Space>
      ),
    },
    { title: '摘要', dataIndex: 'summary', search: false, ellipsis: true, width: 200 },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      search: s(true),
      width: 100,
      fieldProps: { options: options(COMPLAINT_STATES, COMPLAINT_STATE_LABELS) },
      render: (_, c) => <Tag color={stateColor(c.status)}>{c.statusLabel}</Tag>,
    },
    {
      title: '当前期限',
      dataIndex: 'due',
      search: false,
      width: 160,
      render: (_, c) => (
        <Space direction="vertical" size={2}>
          {(c.due || !c.window) && <DueTag due={c.due} />}
          {c.window && <DueTag due={c.window} />}
        </Space>
      ),
    },
    { title: '各项期限', dataIndex: 'deadlines', search: false, width: 130, render: (_, c) => <DeadlineList deadlines={c.deadlines} due={c.due} window={c.window} compact /> },
    {
      title: '筛选',
      dataIndex: 'flags',
      valueType: 'select',
      hideInTable: true,
      search: s(true),
      fieldProps: { options: [{ value: 'overdue', label: '已超期' }, { value: 'dueSoon', label: '3 日内到期' }, { value: 'repeat', label: '重复信访' }] },
    },
    {
      title: '排序',
      dataIndex: 'sort',
      valueType: 'select',
      hideInTable: true,
      search: s(true),
      fieldProps: { options: [{ value: '-registeredAt', label: '最新登记在前' }, { value: 'registeredAt', label: '最早登记在前' }, { value: 'due', label: '最早到期在前' }] },
    },
  ];
}

/** 按身份证号查找: the number goes in a POST body, never in a URL. */
function IdSearch({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [idNumber, setIdNumber] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const request = useLatestTableRequest<ComplaintItem, { current?: number; pageSize?: number }>(async ({ current, pageSize }, _sort, _filter, signal) => {
    const res = await searchByIdNumber(submitted ?? '', current, pageSize);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <Modal open={open} title="按身份证号查找信访件" width={1100} footer={null} onCancel={() => { onClose(); setSubmitted(null); setIdNumber(''); }} destroyOnHidden>
      <Space.Compact style={{ width: 420, marginBottom: 12 }}>
        <Input placeholder="18 位身份证号" value={idNumber} maxLength={18} onChange={(e) => setIdNumber(e.target.value)} onPressEnter={() => setSubmitted(idNumber.trim())} autoComplete="off" />
        <Button type="primary" onClick={() => setSubmitted(idNumber.trim())} disabled={!idNumber.trim()}>查找</Button>
      </Space.Compact>
      {submitted && (
        <ProTable<ComplaintItem>
          rowKey="id"
          params={{ submitted }}
          columns={caseColumns(false)}
          search={false}
          options={false}
          size="small"
          pagination={{ pageSize: 10 }}
          request={request}
        />
      )}
    </Modal>
  );
}

/** 信访 registry: all cases with deadline countdowns, the 积案 list, registration and ID-number search. */
export default function Complaints() {
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const actionRef = useRef<ActionType>(undefined);
  const [districts, setDistricts] = useState<District[]>([]);
  const [registerOpen, setRegisterOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [backlogCount, setBacklogCount] = useState<number | null>(null);

  useEffect(() => {
    listDistricts().then(setDistricts, () => undefined);
    listBacklog({ pageSize: 1 }).then((r) => setBacklogCount(r.total), () => undefined);
  }, []);

  const registered = (r: RegisterComplaintResult) => {
    setRegisterOpen(false);
    void actionRef.current?.reload();
    modal.success({
      title: `已登记信访件 ${r.caseNo}`,
      width: 520,
      content: (
        <Space direction="vertical">
          <span>状态：{r.statusLabel}；应于 {dayjs(r.deadlines.acceptBy).format('YYYY年M月D日')} 前决定是否受理（15 日）。</span>
          {r.repeatOf.length > 0 && (
            <Alert type="warning" showIcon message={`与已有信访件重复：${r.repeatOf.map((x) => x.caseNo).join('、')}`} description="请核对是否为同一事项；同一事项已终结的不再受理。" />
          )}
        </Space>
      ),
      okText: '查看案卷',
      onOk: () => navigate(`/complaints/${r.id}`),
    });
  };

  const toolbar = () => [
    <Button key="search" icon={<IdcardOutlined />} onClick={() => setSearchOpen(true)}>按身份证号查找</Button>,
    <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setRegisterOpen(true)}>登记信访件</Button>,
  ];

  const registerRequest = useLatestTableRequest<ComplaintItem, Filters>(async ({ q, status, channel, type, flags, sort, current, pageSize }, _sort, _filter, signal) => {
    const query: ComplaintListQuery = {
      q: q?.trim() || undefined,
      status: status as ComplaintListQuery['status'],
      channel: channel as ComplaintListQuery['channel'],
      type: type as ComplaintListQuery['type'],
      sort: (sort as ComplaintListQuery['sort']) ?? '-registeredAt',
      page: current,
      pageSize,
    };
    if (flags === 'overdue') query.overdue = 'true';
    if (flags === 'dueSoon') query.dueSoon = 'true';
    if (flags === 'repeat') query.repeat = 'true';
    const res = await listComplaints(query, signal);
    return { data: res.items, total: res.total, success: true };
  });

  const backlogRequest = useLatestTableRequest<ComplaintItem, { current?: number; pageSize?: number }>(async ({ current, pageSize }, _sort, _filter, signal) => {
    const res = await listBacklog({ page: current, pageSize }, signal);
    if (!signal.aborted) setBacklogCount(res.total);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'all',
            label: '信访登记簿',
            children: (
              <ProTable<ComplaintItem, Filters>
                rowKey="id"
                headerTitle="信访登记簿"
                actionRef={actionRef}
                columns={caseColumns(true)}
                search={{ labelWidth: 'auto', defaultCollapsed: false }}
                scroll={{ x: 1040 }}
                pagination={{ defaultPageSize: 20 }}
                form={{ initialValues: { sort: '-registeredAt' } }}
                rowClassName={(c) => (c.due?.overdue ? 'cgt-row-overdue' : '')}
                request={registerRequest}
                toolBarRender={toolbar}
              />
            ),
          },
          {
            key: 'backlog',
            label: (
              <Space size={4}>
                积案
                {backlogCount ? <Badge count={backlogCount} /> : null}
              </Space>
            ),
            children: (
              <ProTable<ComplaintItem>
                rowKey="id"
                headerTitle="积案（未办结且已超过法定期限，最早到期在前）"
                columns={caseColumns(false)}
                search={false}
                rowClassName={() => 'cgt-row-overdue'}
                scroll={{ x: 1040 }}
                pagination={{ defaultPageSize: 20 }}
                request={backlogRequest}
                toolBarRender={toolbar}
              />
            ),
          },
        ]}
      />
      <style>{'.cgt-row-overdue > td { background: #fff1f0 !important; }'}</style>
      <RegisterForm open={registerOpen} districts={districts} onClose={() => setRegisterOpen(false)} onDone={registered} />
      <IdSearch open={searchOpen} onClose={() => setSearchOpen(false)} />
    </Card>
  );
}
