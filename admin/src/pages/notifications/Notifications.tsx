import { OUTBOX_LISTED_STATES, OUTBOX_STATE_LABELS, type WechatStatus } from '@cgt/shared/schemas/notifications';
import { useEffect, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Form, Input, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import {
  fieldLines,
  listOutbox,
  listTemplates,
  NOTIFICATION_EVENTS,
  parseFieldLines,
  retryOutbox,
  saveTemplates,
  type NotificationTemplate,
  type OutboxItem,
} from '../../services/notifications';
import { useLatestTableRequest } from '../../hooks/useLatestRequest';

const SOURCES = 'trackingNo 编号、categoryName 问题类型、statusLabel 状态、address 地点、description 描述、reply 答复、reason 理由、text 通知文字、eventTime 时间、createdAt 提交时间；其他内容按固定文字发送';

interface Row {
  event: string;
  templateId: string;
  page: string;
  lines: string;
}

/** 订阅消息模板: which WeChat template each event sends, the page it opens and how its keys are filled. */
function TemplatesTab() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);
  const [wechat, setWechat] = useState<WechatStatus | null>(null);

  useEffect(() => {
    listTemplates().then((r) => {
      setWechat(r.wechat);
      const byEvent = new Map(r.items.map((t) => [t.event, t]));
      setRows(NOTIFICATION_EVENTS.map(({ event }) => {
        const t = byEvent.get(event);
        return { event, templateId: t?.templateId ?? '', page: t?.page ?? (event.startsWith('complaint.') ? 'packages/complaint/pages/detail/index' : 'packages/reports/pages/detail/index'), lines: t ? fieldLines(t.fields) : '' };
      }));
    }, () => undefined);
  }, []);

  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    const items: NotificationTemplate[] = rows
      .filter((r) => r.templateId.trim())
      .map((r) => ({ event: r.event, templateId: r.templateId.trim(), page: r.page.trim() || 'pages/index/index', fields: parseFieldLines(r.lines) }));
    setSaving(true);
    try {
      await saveTemplates(items);
      message.success('已保存');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {wechat && !wechat.configured ? (
        <Alert
          type="warning"
          showIcon
          data-testid="wechat-not-configured"
          message="本服务未配置微信（WECHAT_APPID / WECHAT_SECRET）"
          description="订阅消息不会发送，上报内容不做微信内容安全检测（直接进入受理）；居民在微信内无法用微信登录。配置后重启服务即可生效。"
        />
      ) : wechat && !wechat.mediaChecks ? (
        <Alert
          type="warning"
          showIcon
          data-testid="wechat-media-checks-off"
          message="图片不做内容安全检测（需配置 PUBLIC_BASE_URL 与 WECHAT_PUSH_TOKEN）"
          description="微信从 PUBLIC_BASE_URL 取图检测，结果经消息推送（WECHAT_PUSH_TOKEN 签名）送达；未配置时只检测文字。"
        />
      ) : null}
      <Alert
        type="info"
        showIcon
        message="在微信公众平台「订阅消息」中选用模板后，把模板 ID 和关键词填在这里；留空的事件不发送。"
        description={<span>关键词每行一个，形如 <Typography.Text code>thing2=categoryName</Typography.Text>。可用的取值：{SOURCES}。发送时按关键词类型截断（thing ≤20 字、phrase ≤5 个汉字等）。</span>}
      />
      {rows.map((r, i) => (
        <Card key={r.event} size="small" title={NOTIFICATION_EVENTS.find((e) => e.event === r.event)?.label} extra={<Typography.Text type="secondary">{r.event}</Typography.Text>}>
          <Form layout="vertical">
            <Space wrap align="start">
              <Form.Item label="模板 ID" style={{ width: 380 }}>
                <Input value={r.templateId} onChange={(e) => set(i, { templateId: e.target.value })} placeholder="未配置则不发送" data-testid={`tpl-id-${r.event}`} />
              </Form.Item>
              <Form.Item label="打开的页面" style={{ width: 300 }}>
                <Input value={r.page} onChange={(e) => set(i, { page: e.target.value })} />
              </Form.Item>
              <Form.Item label="关键词" style={{ width: 320 }}>
                <Input.TextArea rows={4} value={r.lines} onChange={(e) => set(i, { lines: e.target.value })} placeholder={'character_string1=trackingNo\nthing2=categoryName'} />
              </Form.Item>
            </Space>
          </Form>
        </Card>
      ))}
      <Button type="primary" loading={saving} onClick={() => void save()}>
        保存配置
      </Button>
    </Space>
  );
}

const STATE_LABELS: Record<string, string> = OUTBOX_STATE_LABELS;

/** 投递失败: dead letters with the WeChat error (47003 names the key), retry one by one. */
function OutboxTab() {
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(undefined);
  const columns: ProColumns<OutboxItem>[] = [
    { title: '时间', dataIndex: 'createdAt', width: 140, search: false, render: (_, r) => dayjs(r.createdAt).format('MM-DD HH:mm:ss') },
    { title: '状态', dataIndex: 'state', width: 100, valueType: 'select', valueEnum: Object.fromEntries(OUTBOX_LISTED_STATES.map((k) => [k, { text: STATE_LABELS[k] }])), initialValue: 'dead', render: (_, r) => <Tag color={r.state === 'dead' ? 'red' : undefined}>{STATE_LABELS[r.state] ?? r.state}</Tag> },
    { title: '事件', dataIndex: 'event', width: 110, search: false },
    { title: '渠道', dataIndex: 'channel', width: 140, search: false, render: (_, r) => (r.channel === 'wechat_subscribe' ? '微信订阅消息' : '控制台提醒') },
    {
      title: '对象',
      dataIndex: 'ticketId',
      width: 120,
      search: false,
      render: (_, r) => (r.complaintId ? <Link to={`/complaints/${r.complaintId}`}>信访件</Link> : <Link to={`/tickets/${r.ticketId}`}>工单</Link>),
    },
    { title: '次数', dataIndex: 'attempts', width: 60, search: false },
    {
      title: '原因',
      dataIndex: 'lastError',
      search: false,
      ellipsis: true,
      render: (_, r) => (r.lastError ? `${r.lastError.errcode ?? ''} ${r.lastError.key ? `[${r.lastError.key}] ` : ''}${r.lastError.errmsg}` : '—'),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      render: (_, r) =>
        r.state === 'dead'
          ? [<a key="retry" onClick={() => void retryOutbox(r.id).then(() => (message.success('已重新排队'), actionRef.current?.reload()))}>重发</a>]
          : [],
    },
  ];
  const request = useLatestTableRequest<OutboxItem, { state?: string; current?: number; pageSize?: number }>(async (params, _sort, _filter, signal) => {
    const r = await listOutbox(String(params.state ?? 'dead'), params.current ?? 1, params.pageSize ?? 20, signal);
    return { data: r.items, total: r.total, success: true };
  });

  return (
    <ProTable<OutboxItem>
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      request={request}
      pagination={{ pageSize: 20 }}
      search={{ labelWidth: 'auto' }}
      options={false}
    />
  );
}

/** 消息通知 (admins): subscribe-message templates and the outbox's dead letters. */
export default function Notifications() {
  return (
    <Tabs
      items={[
        { key: 'templates', label: '订阅消息模板', children: <TemplatesTab /> },
        { key: 'outbox', label: '投递记录', children: <OutboxTab /> },
      ]}
    />
  );
}
