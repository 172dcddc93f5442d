import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Dropdown, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../services/request';
import {
  CAR_PARK_KINDS,
  createPoi,
  deletePoi,
  exportPois,
  importPois,
  listPois,
  TOILET_KINDS,
  updatePoi,
  type CarPark,
  type Poi,
  type PoiImportResult,
  type PoiListQuery,
  type PoiType,
  type Toilet,
} from '../../services/poi';
import type { District } from '../../services/types';
import { ImportDialog } from '../masterdata/components/ImportDialog';
import { PoiForm, toInput, type PoiValues } from './PoiForm';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

const LABEL: Record<PoiType, string> = { carPark: '停车场', toilet: '公厕' };

const CAR_PARK_FIELDS: Record<string, string> = {
  id: 'ID', name: '名称', address: '地址', lat: '纬度', lng: '经度', coordSys: '坐标系', kind: '类型', openingHours: '开放时间',
  totalSpaces: '总车位数', feeText: '收费说明', evChargers: '充电桩数', accessibleSpaces: '无障碍车位数',
  accessible: '无障碍', thirdRestroom: '第三卫生间', babyRoom: '母婴室', managingUnit: '管理单位', geometry: '几何', type: '类型',
};

export const demoTag = <Tag color="gold">示例数据</Tag>;

/** ProTable CRUD of car parks or toilets with CSV/GeoJSON import and export. */
export function PoiTable({ type, districts, onChanged }: { type: PoiType; districts: District[]; onChanged?: () => void }) {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<Poi | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [coordSys, setCoordSys] = useState<'gcj02' | 'wgs84'>('gcj02');
  const [hasDemo, setHasDemo] = useState(false);
  const label = LABEL[type];

  const changed = () => {
    void actionRef.current?.reload();
    onChanged?.();
  };

  const save = async (v: PoiValues): Promise<boolean> => {
    const body = toInput(v, type);
    try {
      if (editing) await updatePoi(type, editing.id, body);
      else await createPoi(type, body);
    } catch (err) {
      if (err instanceof ApiError) return false; // shown by the error policy (e.g. 坐标不在本市范围内)
      throw err;
    }
    message.success(editing ? `已保存「${body.name}」` : `已新增${label}「${body.name}」`);
    setFormOpen(false);
    changed();
    return true;
  };

  const remove = (p: Poi) =>
    modal.confirm({
      title: `删除${label}「${p.name}」？`,
      content: type === 'carPark' ? '删除后居民将查不到该停车场，其实时空位数据一并删除；运营方的 Key 不再能上报它。' : '删除后居民将查不到该公厕。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        await deletePoi(type, p.id);
        message.success(`已删除「${p.name}」`);
        changed();
      },
    });

  const doExport = async (format: 'csv' | 'geojson', sys: 'gcj02' | 'wgs84') => {
    try {
      await exportPois(type, format, sys);
      message.success(`已导出${label}（${format === 'csv' ? 'CSV' : 'GeoJSON'}，${sys === 'wgs84' ? 'WGS-84' : 'GCJ-02'}）`);
    } catch {
      // shown by the error policy
    }
  };

  const districtOptions = districts.filter((d) => d.kind === 'district').map((d) => ({ value: d.code, label: d.name }));
  const kinds = type === 'carPark' ? CAR_PARK_KINDS : TOILET_KINDS;

  const common: ProColumns<Poi>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '名称 / 地址' } },
    {
      title: '名称',
      dataIndex: 'name',
      search: false,
      width: 230,
      render: (_, p) => (
        <Space size={4} wrap>
          {p.name}
          {p.demo && demoTag}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kind', valueType: 'select', width: 110, fieldProps: { options: kinds.map((k) => ({ value: k, label: k })) } },
    { title: '区县', dataIndex: 'districtCode', valueType: 'select', width: 100, fieldProps: { options: districtOptions }, render: (_, p) => p.districtName },
    { title: '地址', dataIndex: 'address', search: false, width: 220, ellipsis: true, render: (_, p) => p.address || '—' },
  ];
  const hours: ProColumns<Poi> = {
    title: '开放时间',
    dataIndex: 'openingHoursText',
    search: false,
    width: 200,
    render: (_, p) => (
      <Space direction="vertical" size={2}>
        <Tooltip title={p.openingHoursText}>
          <Typography.Text ellipsis style={{ maxWidth: 184 }}>{p.openingHoursText}</Typography.Text>
        </Tooltip>
        <Tag color={p.openNow ? 'green' : 'default'}>{p.openNow ? '当前开放' : '当前未开放'}</Tag>
      </Space>
    ),
  };
  const specific: ProColumns<Poi>[] =
    type === 'carPark'
      ? [
          {
            title: '空位 / 总数',
            dataIndex: 'totalSpaces',
            search: false,
            width: 150,
            render: (_, r) => {
              const p = r as CarPark;
              const when = p.updatedAt ? dayjs(p.updatedAt).format('MM-DD HH:mm') : '';
              return (
                <Space direction="vertical" size={0}>
                  <span>
                    {p.freeSpaces ?? '—'} / {p.totalSpaces}
                  </span>
                  <Typography.Text type={p.stale ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                    {p.occupancySource === 'none' ? '无实时数据' : `${p.occupancySource === 'demo' ? '模拟' : '运营方'} ${when}${p.stale ? ' 已过时' : ''}`}
                  </Typography.Text>
                </Space>
              );
            },
          },
          hours,
        ]
      : [
          hours,
          {
            title: '设施',
            dataIndex: 'facilities',
            search: false,
            width: 170,
            render: (_, r) => {
              const t = r as Toilet;
              const tags = [t.accessible && '无障碍', t.thirdRestroom && '第三卫生间', t.babyRoom && '母婴室'].filter(Boolean) as string[];
              return tags.length ? <Space size={[0, 4]} wrap>{tags.map((x) => <Tag key={x}>{x}</Tag>)}</Space> : '—';
            },
          },
          { title: '管理单位', dataIndex: 'managingUnit', search: false, width: 150, ellipsis: true, render: (_, r) => (r as Toilet).managingUnit || '—' },
        ];
  const columns: ProColumns<Poi>[] = [
    ...common,
    ...specific,
    {
      title: '数据',
      dataIndex: 'demo',
      valueType: 'select',
      hideInTable: true,
      fieldProps: { options: [{ value: 'true', label: '示例数据' }, { value: 'false', label: '真实数据' }] },
    },
    {
      title: '操作',
      valueType: 'option',
      width: 110,
      fixed: 'right',
      render: (_, p) => [
        <a key="edit" onClick={() => { setEditing(p); setFormOpen(true); }}>编辑</a>,
        <a key="del" style={{ color: '#ff4d4f' }} onClick={() => remove(p)}>删除</a>,
      ],
    },
  ];

  const request = useLatestTableRequest<Poi, PoiListQuery & { current?: number; pageSize?: number }>(async ({ q, districtCode, kind, demo, current, pageSize }, _sort, _filter, signal) => {
    const [res, demoCount] = await Promise.all([
      listPois<Poi>(type, { q: q?.trim() || undefined, districtCode, kind, demo, page: current, pageSize }, signal),
      listPois<Poi>(type, { demo: 'true', pageSize: 1 }).then((r) => r.total, () => 0),
    ]);
    if (!signal.aborted) setHasDemo(demoCount > 0);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <>
      <ProTable<Poi, PoiListQuery & { current?: number; pageSize?: number }>
        rowKey="id"
        headerTitle={
          <Space>
            {label}
            {hasDemo && <Typography.Text type="warning" style={{ fontSize: 13, fontWeight: 'normal' }}>含示例数据：导入真实数据后自动替换</Typography.Text>}
          </Space>
        }
        actionRef={actionRef}
        columns={columns}
        scroll={{ x: 1320 }}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={request}
        toolBarRender={() => [
          <Dropdown
            key="export"
            menu={{
              items: [
                { key: 'csv', label: '导出 CSV（GCJ-02）' },
                { key: 'geojson', label: '导出 GeoJSON（GCJ-02）' },
                { key: 'csv-wgs84', label: '导出 CSV（WGS-84）' },
                { key: 'geojson-wgs84', label: '导出 GeoJSON（WGS-84）' },
              ],
              onClick: ({ key }) => void doExport(key.startsWith('csv') ? 'csv' : 'geojson', key.endsWith('wgs84') ? 'wgs84' : 'gcj02'),
            }}
          >
            <Button icon={<DownloadOutlined />}>导出</Button>
          </Dropdown>,
          <Button key="import" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入</Button>,
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }}>新增{label}</Button>,
        ]}
      />
      <PoiForm type={type} open={formOpen} item={editing} onCancel={() => setFormOpen(false)} onSubmit={save} />
      <ImportDialog<PoiImportResult>
        open={importOpen}
        title={`导入${label}`}
        accept=".csv,.geojson,.json,text/csv,application/geo+json"
        hint={
          type === 'carPark'
            ? 'CSV 表头 id,name,address,lat,lng,coordSys,kind,openingHours,totalSpaces,feeText,evChargers,accessibleSpaces；或 GeoJSON 点要素（properties 同 CSV 列）。id 为空则新增。可先导出一份作为模板。'
            : 'CSV 表头 id,name,address,lat,lng,coordSys,kind,openingHours,accessible,thirdRestroom,babyRoom,managingUnit；或 GeoJSON 点要素（properties 同 CSV 列）。id 为空则新增。可先导出一份作为模板。'
        }
        extra={
          <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
            <Space>
              文件坐标系：
              <Radio.Group value={coordSys} onChange={(e) => setCoordSys(e.target.value as 'gcj02' | 'wgs84')} optionType="button" size="small" options={[{ value: 'gcj02', label: 'GCJ-02（高德/腾讯）' }, { value: 'wgs84', label: 'WGS-84（GPS）' }]} />
            </Space>
            {hasDemo && <Typography.Text type="warning">导入成功后，全部{label}示例数据将被删除，由导入的真实数据替换。</Typography.Text>}
          </Space>
        }
        fieldLabels={CAR_PARK_FIELDS}
        onImport={(file, mode) => importPois(type, file, mode, coordSys)}
        summary={(r) => `新增 ${r.created} 条，更新 ${r.updated} 条${r.demoRemoved ? `，替换示例数据 ${r.demoRemoved} 条` : ''}`}
        skipped={(r) => r.errors}
        onClose={(didChange) => {
          setImportOpen(false);
          if (didChange) changed();
        }}
      />
    </>
  );
}
