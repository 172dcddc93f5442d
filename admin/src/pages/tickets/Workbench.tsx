import { useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Badge, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { computeAccess } from '../../access';
import { useSession } from '../../stores/session';
import { useMasterData } from '../../hooks/useMasterData';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';
import { listTickets, transition, type TicketQuery } from '../../services/tickets';
import { ApiError } from '../../services/request';
import type { TicketListItem } from '../../services/types';
import { STATUS_TABS, tabsFor } from './labels';
import { bulkActions } from './actions';
import { StatusTag } from './components/StatusTag';
import { ContentHeldTag } from './components/ContentHoldBanner';
import { SlaCountdown } from './components/SlaCountdown';
import { BulkDispatchModal } from './components/BulkDispatchModal';
import { StatDrillBanner } from './components/StatDrillBanner';
import { drillFromParams, drillQuery } from '../stats/drill';
import { downloadFile } from '../../services/masterdata';
import { SOURCE_CHANNEL_LABELS } from '@cgt/shared/ticket/source';

type Filters = Omit<TicketQuery, 'status' | 'overdue' | 'page' | 'pageSize' | 'sort'>;

interface SearchParams {
  q?: string;
  districtCode?: string;
  categoryCode?: string;
  departmentId?: string;
  from?: string;
  to?: string;
  current?: number;
  pageSize?: number;
  tab?: string;
  drillKey?: string;
}

/** 工单处置: status tabs with counts, filters, due-time sort, SLA countdown, bulk 受理/派遣. */
/** 12-03 18:00 this year, 2025-12-03 before: the queue's dates stay one short line. */
function shortDateTime(iso: string): string {
  const d = dayjs(iso);
  return d.year() === dayjs().year() ? d.format('MM-DD HH:mm') : d.format('YYYY-MM-DD');
}

export default function Workbench() {
  const session = useSession();
  const access = computeAccess(session?.user);
  const roles = session?.user.roles ?? [];
  // staff of one district (or zone) see one district: the column and its filter would say the same on every row
  const oneDistrict = (session?.user.districtCodes.length ?? 0) === 1;
  const { message, modal } = App.useApp();
  const { districts, categories, departments } = useMasterData();
  const actionRef = useRef<ActionType>(undefined);
  // The tab lives in the URL (?tab=) so that back from a detail page returns to the same queue.
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tabs = tabsFor(roles);
  const tab = tabs.some((t) => t.key === tabParam) ? (tabParam as string) : tabs[0]!.key; // a handler starts at 处置中
  const setTab = (key: string) => setSearchParams({ tab: key }, { replace: true });
  // 考核 drill-down (?stat=&statUnit=&from=&to=): exactly the events behind one figure, no tabs or filters on top
  const drill = useMemo(() => drillFromParams(searchParams), [searchParams]);
  const drillKey = drill ? searchParams.toString() : '';
  const [drillTotal, setDrillTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const exportDrill = async () => {
    if (!drill) return;
    setExporting(true);
    try {
      await downloadFile('/admin/tickets', `考核明细_${drill.stat}_${drill.from}_${drill.to}.xlsx`, { ...drillQuery(drill), format: 'xlsx' });
    } catch {
      // shown by the error policy
    } finally {
      setExporting(false);
    }
  };
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [selected, setSelected] = useState<TicketListItem[]>([]);
  const [dispatchOpen, setDispatchOpen] = useState(false);

  const activeTab = STATUS_TABS.find((t) => t.key === tab) ?? STATUS_TABS[0]!;
  const bulk = !drill && access.canBulkAccept && activeTab.query.status ? bulkActions({ status: activeTab.query.status, roles }) : [];

  const districtOptions = useMemo(() => {
    const own = session?.user.districtCodes ?? [];
    return districts
      .filter((d) => d.kind === 'district' && (own.length === 0 || own.includes(d.code)))
      .map((d) => ({ label: d.name, value: d.code }));
  }, [districts, session?.user.districtCodes]);

  const reload = () => {
    setSelected([]);
    void actionRef.current?.reload();
  };

  /** Runs one action over the selection and reports successes and failures together. */
  const runBulk = async (label: string, body: Parameters<typeof transition>[1]) => {
    const results = await Promise.allSettled(
      selected.map((t) => transition(t.id, { ...body, version: t.version }, { silent: true })),
    );
    const failed = results
      .map((r, i) => ({ r, t: selected[i]! }))
      .filter((x): x is { r: PromiseRejectedResult; t: TicketListItem } => x.r.status === 'rejected');
    const ok = results.length - failed.length;
    if (failed.length === 0) message.success(`${label}成功 ${ok} 件`);
    else
      modal.warning({
        title: `${label}：成功 ${ok} 件，失败 ${failed.length} 件`,
        content: (
          <ul style={{ paddingLeft: 18 }}>
            {failed.map(({ r, t }) => (
              <li key={t.id}>
                {t.trackingNo}：{r.reason instanceof ApiError ? r.reason.message : '请求失败'}
              </li>
            ))}
          </ul>
        ),
      });
    reload();
  };

  const handleBulkAccept = () =>
    modal.confirm({
      title: `批量受理 ${selected.length} 件工单？`,
      content: '受理后工单进入“待派遣”。',
      okText: '确认受理',
      onOk: () => runBulk('受理', { action: 'accept' }),
    });

  // Bulk dispatch needs one district (or zone): its departments are offered.
  const selectedDistricts = [...new Set(selected.map((t) => t.zoneCode ?? t.districtCode))];
  const bulkDistrict = selectedDistricts.length === 1 ? (selectedDistricts[0] ?? null) : null;

  // only the newest answer paints the table: a slow unfiltered answer must not land under a newer filter
  const request = useLatestTableRequest<TicketListItem, SearchParams>(async (params, sort, _filter, signal) => {
    const { current, pageSize, q, districtCode, categoryCode, departmentId, from, to } = params;
    if (drill) {
      const res = await listTickets({
        ...drillQuery(drill),
        sort: sort.dueAt === 'descend' ? '-dueAt' : 'dueAt',
        page: current,
        pageSize,
      }, signal);
      if (!signal.aborted) setDrillTotal(res.total);
      return { data: res.items, total: res.total, success: true };
    }
    const filters: Filters = { q, districtCode, categoryCode, departmentId, from, to };
    const order = sort.dueAt;
    const res = await listTickets({
      ...filters,
      ...activeTab.query,
      sort: order === 'descend' ? '-dueAt' : 'dueAt',
      page: current,
      pageSize,
    }, signal);
    if (res.counts && !signal.aborted) setCounts(res.counts);
    return { data: res.items, total: res.total, success: true };
  });

  const columns: ProColumns<TicketListItem>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '工单编号 / 描述 / 地址' } },
    {
      title: '工单编号',
      dataIndex: 'trackingNo',
      search: false,
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <Link to={`/tickets/${r.id}`}>{r.trackingNo}</Link>
          <ContentHeldTag held={r.contentHeld} />
          {r.supervision ? (
            <Tooltip title={`${r.supervision.byName} 督办：${r.supervision.note}（期限 ${dayjs(r.supervision.deadline).format('MM-DD HH:mm')}）`}>
              <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="supervised-tag">
                督办{r.supervision.overdue ? '·超期' : ''}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(drill
      ? [
          {
            title: '计入时间',
            tooltip: '该事件发生的时间（决定计入哪个统计时段）',
            dataIndex: 'statAt',
            search: false,
            width: 130,
            render: (_: unknown, r: TicketListItem) => (r.statAt ? dayjs(r.statAt).format('YYYY-MM-DD HH:mm') : '—'),
          } as ProColumns<TicketListItem>,
        ]
      : []),
    {
      title: '问题类型',
      dataIndex: 'categoryCode',
      width: 100,
      valueType: 'select',
      fieldProps: { options: categories.map((c) => ({ label: `${c.name}（${c.code}）`, value: c.code })), showSearch: true },
      render: (_, r) => r.categoryName ?? categories.find((c) => c.code === r.categoryCode)?.name ?? r.categoryCode,
    },
    // no width: the description takes what the fixed-width columns leave
    { title: '问题描述', dataIndex: 'description', search: false, ellipsis: true },
    {
      title: '来源',
      dataIndex: 'source',
      search: false,
      width: 88,
      render: (_, r) =>
        r.source ? (
          <Tooltip title={r.source.externalNo ?? r.source.openApiKeyName}>
            <Tag color={r.source.channel === 'miniapp' ? undefined : 'blue'} data-testid="source-tag">
              {SOURCE_CHANNEL_LABELS[r.source.channel]}
            </Tag>
          </Tooltip>
        ) : '—',
    },
    {
      title: '区县',
      dataIndex: 'districtCode',
      width: 84,
      hideInTable: oneDistrict,
      hideInSearch: oneDistrict,
      valueType: 'select',
      fieldProps: { options: districtOptions },
      render: (_, r) => (
        <Space size={2} direction="vertical">
          <span>{r.districtName || r.districtCode}</span>
          {r.zoneName ? <Tag style={{ fontSize: 11 }}>{r.zoneName}</Tag> : null}
        </Space>
      ),
    },
    {
      title: '处置部门',
      dataIndex: 'departmentId',
      width: 150,
      // one line with an ellipsis (the full name on hover), not three
      ellipsis: true,
      valueType: 'select',
      fieldProps: { options: departments.map((d) => ({ label: d.name, value: d.id })), showSearch: true },
      render: (_, r) =>
        !r.departmentName ? (
          <Typography.Text type="secondary">未派遣</Typography.Text>
        ) : r.status === 'submitted' || r.status === 'accepted' ? (
          // Before 派遣 the department is the routing rule's suggestion.
          <Typography.Text type="secondary">{r.departmentName}（建议）</Typography.Text>
        ) : (
          r.departmentName
        ),
    },
    { title: '状态', dataIndex: 'status', search: false, width: 84, render: (_, r) => <StatusTag status={r.status} /> },
    {
      title: '上报时间',
      dataIndex: 'createdAt',
      valueType: 'dateRange',
      width: 112,
      render: (_, r) => <span title={dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}>{shortDateTime(r.createdAt)}</span>,
      search: {
        transform: (value: [string, string]) => ({
          from: dayjs(value[0]).startOf('day').toISOString(),
          to: dayjs(value[1]).endOf('day').toISOString(),
        }),
      },
    },
    {
      title: '处置时限',
      dataIndex: 'dueAt',
      search: false,
      width: 130,
      fixed: 'right',
      sorter: true,
      defaultSortOrder: 'ascend',
      render: (_, r) => (
        <SlaCountdown
          dueAt={r.dueAt}
          overdue={r.overdue}
          workingHours={r.remainingWorkingHours}
          clock={r.slaClock}
          done={['closed', 'rejected', 'withdrawn'].includes(r.status)}
        />
      ),
    },
    {
      title: '操作',
      valueType: 'option',
      fixed: 'right',
      width: 60,
      // a read-only account (局领导, 受理员 after filing) can open a ticket but not act on it
      render: (_, r) => [<Link key="view" to={`/tickets/${r.id}`}>{access.readOnly ? '查看' : '处理'}</Link>],
    },
  ];

  return (
    <>
      {drill ? (
        <StatDrillBanner
          drill={drill}
          total={drillTotal}
          onClear={() => setSearchParams({}, { replace: true })}
          extra={
            <Button size="small" icon={<FileExcelOutlined />} loading={exporting} onClick={exportDrill} data-testid="export-drill">
              导出 Excel
            </Button>
          }
        />
      ) : null}
      <ProTable<TicketListItem, SearchParams>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        headerTitle={drill ? '考核明细' : '工单处置'}
        params={{ tab, drillKey }}
        search={drill ? false : { labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        // the fixed widths plus ~120 px of description: at 1440 px the whole row fits, nothing scrolls under
        // the pinned 处置时限/操作 columns; narrower windows scroll
        scroll={{ x: drill ? 1220 : 1090 }}
        request={request}
        toolBarRender={
          !drill && access.canCreateTicket
            ? () => [
                <Link key="new" to="/tickets/new">
                  <Button type="primary" data-testid="new-ticket">新建工单</Button>
                </Link>,
              ]
            : undefined
        }
        toolbar={drill ? undefined : {
          menu: {
            type: 'tab',
            activeKey: tab,
            onChange: (key) => {
              setSelected([]);
              setTab(String(key));
            },
            items: tabs.map((t) => ({
              key: t.key,
              label: (
                <span data-testid={`tab-${t.key}`}>
                  {t.label}
                  <Badge
                    count={counts[t.key] ?? 0}
                    showZero
                    overflowCount={9999}
                    color={t.key === 'overdue' ? '#ff4d4f' : t.key === tab ? '#1677ff' : '#bfbfbf'}
                    style={{ marginInlineStart: 6 }}
                  />
                </span>
              ),
            })),
          },
        }}
        rowSelection={
          bulk.length > 0
            ? { selectedRowKeys: selected.map((t) => t.id), onChange: (_, rows) => setSelected(rows) }
            : undefined
        }
        tableAlertOptionRender={() => (
          <Space>
            {bulk.includes('accept') && (
              <Button size="small" type="primary" onClick={handleBulkAccept}>
                批量受理
              </Button>
            )}
            {bulk.includes('dispatch') && (
              <Button size="small" type="primary" onClick={() => setDispatchOpen(true)}>
                批量派遣
              </Button>
            )}
            <Button size="small" onClick={() => setSelected([])}>
              取消选择
            </Button>
          </Space>
        )}
      />
      <BulkDispatchModal
        open={dispatchOpen}
        districtCode={bulkDistrict}
        districtName={selected[0] ? (selected[0].zoneName ?? selected[0].districtName) : undefined}
        count={selected.length}
        onCancel={() => setDispatchOpen(false)}
        onSubmit={async (departmentId, note) => {
          await runBulk('派遣', { action: 'dispatch', departmentId, note });
          setDispatchOpen(false);
        }}
      />
    </>
  );
}
