import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, LinkOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { listDepartments } from '../../services/departments';
import { ApiError } from '../../services/request';
import { getComplaint, linkTicket, unlinkTicket, type ComplaintAction, type ComplaintDetail } from '../../services/complaints';
import { IdNumberField } from './IdNumberField';
import type { Department } from '../../services/types';
import { ActionModal } from './ActionModal';
import { DeadlineList, DueTag } from './deadlines';
import { ACTION_ORDER, COMPLAINT_ACTION_LABELS, COMPLAINT_DECISION_LABELS, DANGER_ACTIONS, PRIMARY_ACTIONS, stateColor } from './labels';

const fmt = (iso?: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** What a timeline entry adds beyond its label. */
function entryDetails(e: ComplaintDetail['timeline'][number]): string[] {
  const out: string[] = [];
  if (e.departmentName) out.push(`承办单位：${e.departmentName}`);
  if (e.transferTo) out.push(`转送/交办至：${e.transferTo}`);
  if (e.days) out.push(`延期 ${e.days} 日`);
  if (e.reason) out.push(`理由：${e.reason}`);
  if (e.redirectTo) out.push(`告知途径：${e.redirectTo}`);
  if (e.decision) out.push(`意见：${COMPLAINT_DECISION_LABELS[e.decision]}`);
  if (e.basis) out.push(`依据：${e.basis}`);
  if (e.satisfaction) out.push(`评价：${e.satisfaction}`);
  return out;
}

/** 信访件案卷: facts, petitioner (ID masked; 查看完整 is an audited read), the same-ID-other-name flag, deadlines, exactly the allowed actions, replies, timeline, linked tickets. */
export default function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [c, setC] = useState<ComplaintDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [action, setAction] = useState<ComplaintAction | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [ticket, setTicket] = useState('');

  const load = useCallback(() => {
    getComplaint(id).then(
      (d) => {
        setC(d);
        setError(null);
      },
      (err: unknown) => setError(err instanceof ApiError ? err : new ApiError(0, 'network_error', '加载失败')),
    );
  }, [id]);
  useEffect(load, [load]);
  useEffect(() => {
    listDepartments().then(setDepartments, () => undefined);
  }, []);

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.status === 404 ? '信访件不存在或无权查看' : error.message} extra={<Link to="/complaints">返回登记簿</Link>} />;
  if (!c) return <Spin style={{ display: 'block', padding: 96 }} />;

  const actions = ACTION_ORDER.filter((a) => c.allowedActions.includes(a));

  const link = async () => {
    if (!ticket.trim()) return;
    try {
      setC(await linkTicket(c.id, ticket.trim()));
      setTicket('');
      message.success('已关联工单');
    } catch {
      // shown by the error policy
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/complaints"><ArrowLeftOutlined /></Link>
            <span>信访件 {c.caseNo}</span>
            <Tag color={stateColor(c.status)} data-testid="complaint-status">{c.statusLabel}</Tag>
            {c.due && <DueTag due={c.due} />}
            {c.window && <DueTag due={c.window} prefix="信访人可" />}
            {c.repeatOf.length > 0 && <Tag color="magenta">重复信访</Tag>}
            {c.nameConflicts.length > 0 && <Tag color="red">同号异名</Tag>}
          </Space>
        }
        extra={<Button className="cgt-no-print" onClick={() => window.print()}>打印案卷</Button>}
      >
        {c.nameConflicts.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="name-conflict"
            style={{ marginBottom: 12 }}
            message="同号异名：该身份证号曾以其他姓名登记"
            description={
              <span>
                {c.nameConflicts.map((n, i) => (
                  <span key={n.id}>
                    {i > 0 && '；'}
                    <Link to={`/complaints/${n.id}`}>{n.caseNo}</Link>（{n.name}）
                  </span>
                ))}
                。请核对信访人身份证件。
              </span>
            }
          />
        )}
        {c.repeatsFinalCase && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="本件与已终结的信访事项重复：同一事项已终结的，不再受理。" />}
        <Space wrap data-testid="complaint-actions" className="cgt-no-print" style={{ marginBottom: 16 }}>
          {actions.length === 0 ? (
            <Typography.Text type="secondary">当前状态无可办理的操作。</Typography.Text>
          ) : (
            actions.map((a) => (
              <Button key={a} type={PRIMARY_ACTIONS.has(a) ? 'primary' : 'default'} danger={DANGER_ACTIONS.has(a)} onClick={() => setAction(a)}>
                {COMPLAINT_ACTION_LABELS[a]}
              </Button>
            ))
          )}
        </Space>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="类型">{c.typeLabel}</Descriptions.Item>
          <Descriptions.Item label="渠道">{c.channelLabel}</Descriptions.Item>
          <Descriptions.Item label="登记">{fmt(c.registeredAt)}（{c.registeredBy.name}）</Descriptions.Item>
          <Descriptions.Item label="信访人">{c.petitioner.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号"><IdNumberField complaintId={c.id} masked={c.petitioner.idNumberMasked} /></Descriptions.Item>
          <Descriptions.Item label="联系电话">{c.petitioner.phone}</Descriptions.Item>
          <Descriptions.Item label="通讯地址" span={2}>{c.petitioner.address}</Descriptions.Item>
          <Descriptions.Item label="涉及区县">{c.district?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{c.department?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="延期">{c.extension ? `${c.extension.days} 日（${c.extension.reason}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="转送/交办">{c.transferredTo ?? '—'}</Descriptions.Item>
          {c.notAccepted && (
            <Descriptions.Item label="不予受理" span={3}>{c.notAccepted.reason}；告知途径：{c.notAccepted.redirectTo}</Descriptions.Item>
          )}
          <Descriptions.Item label="期限" span={3}>
            <DeadlineList deadlines={c.deadlines} due={c.due} window={c.window} />
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="信访事项" size="small">
            <Typography.Title level={5} style={{ marginTop: 0 }}>信访内容</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.content}</Typography.Paragraph>
            <Typography.Title level={5}>诉求</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.request}</Typography.Paragraph>
            {c.facts && (
              <>
                <Typography.Title level={5}>事实和理由</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</Typography.Paragraph>
              </>
            )}
            {c.attachments.length > 0 && (
              <Space wrap>
                {c.attachments.map((a) => (
                  <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
                    <img src={a.thumbnailUrl ?? a.url} alt="附件" style={{ width: 96, height: 72, objectFit: 'cover', borderRadius: 4 }} />
                  </a>
                ))}
              </Space>
            )}
          </Card>
          <Card title="答复意见" size="small" style={{ marginTop: 16 }}>
            {c.replies.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未出具意见" />
            ) : (
              c.replies.map((r) => (
                <div key={`${r.stage}-${r.at}`} style={{ marginBottom: 16 }} data-testid={`reply-${r.stage}`}>
                  <Space>
                    <Typography.Text strong>{r.stageLabel}</Typography.Text>
                    <Tag color={r.decision === 'support' ? 'green' : r.decision === 'not_support' ? 'red' : 'blue'}>{r.decisionLabel}</Tag>
                    <Typography.Text type="secondary">{fmt(r.at)}</Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 4 }}>{r.text}</Typography.Paragraph>
                  <Typography.Text type="secondary">依据：{r.basis}</Typography.Text>
                </div>
              ))
            )}
            {c.ratings.length > 0 && (
              <Typography.Paragraph type="secondary">信访人评价：{c.ratings.map((r) => `${r.satisfaction}${r.comment ? `（${r.comment}）` : ''}`).join('；')}</Typography.Paragraph>
            )}
          </Card>
          <Card title="关联工单 / 重复信访" size="small" style={{ marginTop: 16 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {c.linkedTickets.map((t) => (
                <Space key={t.id}>
                  <LinkOutlined />
                  <Link to={`/tickets/${t.id}`}>{t.trackingNo}</Link>
                  {t.status && <Tag>{t.status}</Tag>}
                  <Typography.Text type="secondary">{fmt(t.linkedAt)}</Typography.Text>
                  <a
                    onClick={async () => {
                      try {
                        setC(await unlinkTicket(c.id, t.id));
                        message.success('已取消关联');
                      } catch {
                        // shown by the error policy
                      }
                    }}
                  >
                    取消关联
                  </a>
                </Space>
              ))}
              <Space.Compact style={{ width: 360 }} className="cgt-no-print">
                <Input placeholder="工单受理编号，如 YY20261127-000123" value={ticket} onChange={(e) => setTicket(e.target.value)} onPressEnter={() => void link()} />
                <Button onClick={() => void link()} disabled={!ticket.trim()}>关联工单</Button>
              </Space.Compact>
              {[...c.repeatOf.map((r) => ({ ...r, rel: '重复了' })), ...c.repeatedBy.map((r) => ({ ...r, rel: '被重复' }))].map((r) => (
                <Space key={`${r.rel}-${r.id}`}>
                  <Tag color="magenta">{r.rel}</Tag>
                  <Link to={`/complaints/${r.id}`}>{r.caseNo}</Link>
                  <Tag color={stateColor(r.status)}>{r.statusLabel}</Tag>
                  <Typography.Text type="secondary">{dayjs(r.registeredAt).format('YYYY-MM-DD')}</Typography.Text>
                </Space>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理记录" size="small">
            <Timeline
              items={[...c.timeline].reverse().map((e) => ({
                color: e.type.includes('not_accept') ? 'red' : e.type.startsWith('conclude') ? 'green' : 'blue',
                children: (
                  <div>
                    <Space>
                      <Typography.Text strong>{e.label}</Typography.Text>
                      <Typography.Text type="secondary">{fmt(e.at)}</Typography.Text>
                    </Space>
                    <div style={{ color: 'rgba(0,0,0,0.65)' }}>{e.actorLabel}</div>
                    {entryDetails(e).map((line) => (
                      <div key={line} style={{ fontSize: 13 }}>{line}</div>
                    ))}
                    {e.reply && <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ fontSize: 13, marginBottom: 0 }}>答复：{e.reply}</Typography.Paragraph>}
                    {e.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>内部备注：{e.note}</Typography.Text>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {/* 打印案卷: only the case file, without the console shell and buttons */}
      <style>{'@media print { .ant-layout-sider, .ant-pro-sider, .ant-layout-header, .ant-pro-layout-header, .ant-pro-global-header, .cgt-no-print, .ant-message, .ant-pro-layout .ant-layout-has-sider > div:first-child:not(.ant-pro-layout-container) { display: none !important; } .ant-pro-layout-content, .ant-layout-content { margin: 0 !important; padding: 0 !important; } }'}</style>
      <ActionModal
        complaint={c}
        action={action}
        departments={departments}
        onClose={() => setAction(null)}
        onDone={(next) => {
          message.success(`${COMPLAINT_ACTION_LABELS[action!]}完成，当前状态：${next.statusLabel}`);
          setAction(null);
          setC(next);
        }}
      />
    </Space>
  );
}
