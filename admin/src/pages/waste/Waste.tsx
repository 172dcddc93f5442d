import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Space, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
/** Shown on every screen with the item list (shared WASTE_NOTICE; not imported to keep zod out of the chunk). */
const WASTE_NOTICE = '参考上海市分类标准，以本地要求为准';
import { ApiError } from '../../services/request';
import {
  createWasteItem,
  deleteWasteItem,
  exportWasteCsv,
  importWasteCsv,
  listWasteItems,
  listWasteMisses,
  updateWasteItem,
  type WasteCategoryId,
  type WasteImportResponse,
  type WasteItemView,
  type WasteMissView,
} from '../../services/waste';
import { ImportDialog } from '../masterdata/components/ImportDialog';
import { GuideEditor } from './GuideEditor';
import { ItemForm, type ItemValues } from './ItemForm';
import { WASTE_CATEGORIES, wasteCategory } from './labels';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

/** 物品清单: search by name/alias/pinyin, filter by category, CRUD, CSV export/import. */
function Items() {
  const { message, modal } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const [editing, setEditing] = useState<WasteItemView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const save = async (values: ItemValues): Promise<boolean> => {
    const body = { ...values, name: values.name.trim(), aliases: (values.aliases ?? []).map((a) => a.trim()).filter(Boolean) };
    try {
      if (editing) {
        await updateWasteItem(editing.id, body);
        message.success(`已保存「${body.name}」`);
      } else {
        await createWasteItem(body);
        message.success(`已新增「${body.name}」（${wasteCategory(body.category)?.name ?? body.category}）`);
      }
    } catch (err) {
      if (err instanceof ApiError) return false; // shown by the error policy; keep the dialog open
      throw err;
    }
    setFormOpen(false);
    void actionRef.current?.reload();
    return true;
  };

  const remove = (item: WasteItemView) =>
    modal.confirm({
      title: `删除物品「${item.name}」？`,
      content: '删除后居民将搜索不到该物品；重新导入种子数据时也不会恢复。可通过“新增物品”或导入重新添加。',
      okText: '删除',
      okButtonProps: { danger: true },
      onOk: async () => {
        await deleteWasteItem(item.id);
        message.success(`已删除「${item.name}」`);
        void actionRef.current?.reload();
      },
    });

  const doExport = async () => {
    setExporting(true);
    try {
      await exportWasteCsv();
      message.success('已导出 waste-items.csv');
    } catch {
      // shown by the error policy
    } finally {
      setExporting(false);
    }
  };

  const columns: ProColumns<WasteItemView>[] = [
    { title: '关键字', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '名称 / 别名 / 拼音' } },
    { title: '物品名称', dataIndex: 'name', search: false, width: 200 },
    {
      title: '分类',
      dataIndex: 'category',
      valueType: 'select',
      width: 120,
      fieldProps: { options: WASTE_CATEGORIES.map((c) => ({ value: c.id, label: c.name })) },
      render: (_, r) => <Tag color={wasteCategory(r.category)?.color}>{r.categoryName || wasteCategory(r.category)?.name}</Tag>,
    },
    {
      title: '别名',
      dataIndex: 'aliases',
      search: false,
      render: (_, r) => (r.aliases.length ? r.aliases.join('、') : '—'),
    },
    {
      title: '来源',
      dataIndex: 'edited',
      search: false,
      width: 100,
      render: (_, r) => (r.edited ? <Tag color="orange">人工修正</Tag> : <Tag>上海标准</Tag>),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      render: (_, r) => [
        <a key="edit" onClick={() => { setEditing(r); setFormOpen(true); }}>编辑</a>,
        <a key="del" style={{ color: '#ff4d4f' }} onClick={() => remove(r)}>删除</a>,
      ],
    },
  ];

  const request = useLatestTableRequest<WasteItemView, { q?: string; category?: WasteCategoryId; current?: number; pageSize?: number }>(async ({ q, category, current, pageSize }, _sort, _filter, signal) => {
    const res = await listWasteItems({ q: q?.trim() || undefined, category, page: current, pageSize }, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <>
      <ProTable<WasteItemView, { q?: string; category?: WasteCategoryId; current?: number; pageSize?: number }>
        rowKey="id"
        headerTitle="物品清单"
        actionRef={actionRef}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={request}
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()}>导出 CSV</Button>,
          <Button key="import" icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>导入 CSV</Button>,
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }}>新增物品</Button>,
        ]}
      />
      <ItemForm open={formOpen} item={editing} onCancel={() => setFormOpen(false)} onSubmit={save} />
      <ImportDialog<WasteImportResponse>
        open={importOpen}
        title="导入垃圾分类物品"
        accept=".csv,text/csv"
        hint="CSV（UTF-8）表头 name,category,aliases 或 名称,分类,别名；分类填 recyclable / hazardous / kitchen / residual，别名以 | 分隔。同名物品会被更新。可先导出一份作为模板。"
        fieldLabels={{ name: '物品名称', category: '分类', aliases: '别名' }}
        onImport={importWasteCsv}
        summary={(r) => `新增 ${r.created} 条，更新 ${r.updated} 条，未变化 ${r.unchanged} 条`}
        skipped={(r) => r.errors}
        onClose={(changed) => {
          setImportOpen(false);
          if (changed) void actionRef.current?.reload();
        }}
      />
    </>
  );
}

/** 搜索未命中: what residents searched and did not find, most searched first. */
function Misses() {
  const columns: ProColumns<WasteMissView>[] = [
    { title: '序号', valueType: 'index', width: 70 },
    { title: '搜索词', dataIndex: 'query' },
    { title: '次数', dataIndex: 'count', width: 100, render: (_, r) => <Tag color={r.count >= 10 ? 'red' : r.count >= 3 ? 'orange' : 'default'}>{r.count}</Tag> },
    { title: '首次搜索', dataIndex: 'firstSeen', width: 160, render: (_, r) => dayjs(r.firstSeen).format('YYYY-MM-DD HH:mm') },
    { title: '最近搜索', dataIndex: 'lastSeen', width: 160, render: (_, r) => dayjs(r.lastSeen).format('YYYY-MM-DD HH:mm') },
  ];
  const request = useLatestTableRequest<WasteMissView, { current?: number; pageSize?: number }>(async ({ current, pageSize }, _sort, _filter, signal) => {
    const res = await listWasteMisses({ page: current, pageSize }, signal);
    return { data: res.items, total: res.total, success: true };
  });

  return (
    <ProTable<WasteMissView>
      rowKey="query"
      headerTitle="搜索未命中（按次数排序）"
      tooltip="居民搜索但没有结果的词（匿名统计）。常见的可在“物品清单”中新增，或加为已有物品的别名。"
      columns={columns}
      search={false}
      pagination={{ defaultPageSize: 50 }}
      request={request}
    />
  );
}

/** 垃圾分类管理 (admin): items, searched-but-not-found queries, category guide. */
export default function Waste() {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={`物品清单来自上海市 2019 年官方查询数据：${WASTE_NOTICE}。可在此按本地要求修正。`} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'items', label: '物品清单', children: <Items /> },
            { key: 'misses', label: '搜索未命中', children: <Misses /> },
            { key: 'guide', label: '分类指南', children: <GuideEditor /> },
          ]}
        />
      </Card>
    </Space>
  );
}
