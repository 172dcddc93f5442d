import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSession } from '../../stores/session';
import { getTicket, transition, type TransitionBody } from '../../services/tickets';
import { districtNames } from '../../services/districts';
import { ApiError } from '../../services/request';
import type { DuplicateSuggestion, TicketDetail } from '../../services/types';
import { canMerge, isAssignedDepartment, ticketActions, type ActionButton } from './actions';
import { SATISFACTION_LABELS, statusLabel } from './labels';
import { StatusTag } from './components/StatusTag';
import { SlaCountdown } from './components/SlaCountdown';
import { Photos } from './components/Photos';
import { TicketTimeline } from './components/TicketTimeline';
import { ActionModal } from './components/ActionModal';
import { SuperviseModal } from './components/SuperviseModal';
import { ContentHeldTag, ContentHoldBanner } from './components/ContentHoldBanner';
import { supervise } from '../../services/tickets';
import { useExtension } from './components/Extension';
import { extensionStep } from '../../services/ticket-extension';
import { EXTENSION_ACTION_LABELS } from '@cgt/shared/ticket/extension';
import { maySupervise } from '@cgt/shared/ticket/machine';

const TicketMap = lazy(() => import('./components/TicketMap'));

/** 工单详情: facts, photos, map, routing reason, contact, duplicates (合并), timeline, and the allowed actions. */
export default function Detail() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const { message, modal } = App.useApp();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [active, setActive] = useState<ActionButton | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [superviseOpen, setSuperviseOpen] = useState(false);

  useEffect(() => {
    districtNames().then(setNames, () => undefined);
  }, []);
  const districtName = (code: string) => names.get(code) ?? code;

  const load = useCallback(async () => {
    try {
      // The page shows its own result for 404 (not found or outside the user's scope).
      setTicket(await getTicket(id, { silent: true }));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'network_error', '加载失败'));
    }
  }, [id]);

  useEffect(() => {
    setTicket(null);
    void load();
  }, [load]);

  // 延期: apply / approve / refuse, then show the ticket as the server now has it
  const extension = useExtension(ticket, async (body) => {
    if (!ticket) return;
    const updated = await extensionStep(ticket.id, body);
    message.success(`${EXTENSION_ACTION_LABELS[body.action]}成功`);
    setTicket(updated); // the action's own answer is the ticket as the server now has it
  });

  if (error && !ticket) {
    return (
      <Result
        status={error.status === 404 || error.status === 403 ? '404' : 'error'}
        title={error.status === 404 || error.status === 403 ? '工单不存在或无权查看' : '加载失败'}
        subTitle={error.message}
        extra={<Button onClick={() => navigate('/tickets')}>返回工作台</Button>}
      />
    );
  }
  if (!ticket || !session) return <Spin size="large" style={{ display: 'block', padding: 120 }} />;

  const buttons = ticketActions({
    status: ticket.status,
    roles: session.user.roles,
    isAssignedDepartment: isAssignedDepartment(session.user, ticket),
    serverAllowed: ticket.allowedActions,
  });

  // the server's answer when it sent one (it also knows scope), else the shared role rule
  const canSupervise = ticket.canSupervise ?? maySupervise(session.user.roles, ticket.status);
  const submitSupervise = async (v: { note: string; deadline: string }) => {
    const updated = await supervise(ticket.id, { ...v, version: ticket.version });
    message.success('已督办');
    setSuperviseOpen(false);
    setTicket(updated);
  };

  /**
   * Sends a transition and shows the ticket from its answer at once (status, buttons, timeline). After a
   * 回退 or 移交 the ticket may have left the user's scope: then it is read again, and the page leaves
   * when the user may no longer see it.
   */
  const submit = async (label: string, body: TransitionBody) => {
    let updated: TicketDetail;
    try {
      updated = await transition(ticket.id, body);
    } catch (err) {
      // Someone else moved the ticket (409 invalid_transition / conflict): the message is shown; show the new state.
      if (err instanceof ApiError && err.status === 409) {
        setActive(null);
        void load();
      }
      throw err;
    }
    message.success(`${label}成功，当前状态：${statusLabel(updated.status)}`);
    setActive(null);
    setTicket(updated);
    if (body.action !== 'return' && body.action !== 'transfer') return;
    try {
      setTicket(await getTicket(ticket.id, { silent: true }));
    } catch {
      // e.g. a handler who returned the ticket no longer sees it.
      navigate('/tickets');
    }
  };

  const handleMerge = (dup: DuplicateSuggestion) =>
    modal.confirm({
      title: '合并为重复工单？',
      content: `本工单将以“不予立案（重复上报）”办结，并关联原工单 ${dup.trackingNo}，上报人可在原工单查看进展。`,
      okText: '确认合并',
      onOk: () =>
        submit('合并', {
          action: 'reject',
          reason: `重复上报，已合并至工单 ${dup.trackingNo}`,
          duplicateOf: dup.id,
          version: ticket.version,
        }).catch(() => undefined), // shown by the error policy
    });

  // Back to the queue the user came from (keeps ?tab=), or the workbench on a fresh tab.
  const goBack = () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) navigate(-1);
    else navigate('/tickets');
  };
  const done = ['closed', 'rejected', 'withdrawn'].includes(ticket.status);
  const merge = canMerge(buttons);
  // Before 派遣 the department is the routing rule's suggestion, not an assignment.
  const suggestedOnly = ticket.status === 'submitted' || ticket.status === 'accepted';
  const rating = ticket.satisfaction;

  return (
    <PageContainer
      title={
        <Space>
          <span>{ticket.trackingNo}</span>
          <StatusTag status={ticket.status} />
          {ticket.overdue && !done ? <Tag color="red">已超期</Tag> : null}
          <ContentHeldTag held={ticket.contentHold?.state === 'held'} />
          {extension.tag}
          {ticket.supervision ? (
            <Tag color="red" data-testid="supervised-tag">
              督办 · 期限 {dayjs(ticket.supervision.deadline).format('MM-DD HH:mm')}
              {ticket.supervision.overdue ? '（已超期）' : ''}
            </Tag>
          ) : null}
        </Space>
      }
      onBack={goBack}
      breadcrumb={{ items: [{ title: <Link to="/tickets">工单处置</Link> }, { title: '工单详情' }] }}
      extra={
        buttons.length > 0 || canSupervise || extension.hasButtons ? (
          <Space wrap data-testid="ticket-actions">
            {buttons.map((b) => (
              <Button key={b.action} type={b.primary ? 'primary' : 'default'} danger={b.danger} onClick={() => setActive(b)}>
                {b.label}
              </Button>
            ))}
            {extension.buttons}
            {canSupervise ? (
              <Button danger onClick={() => setSuperviseOpen(true)} data-testid="supervise-button">
                督办
              </Button>
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">当前无可执行的操作</Typography.Text>
        )
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {extension.card}
            <ContentHoldBanner
              ticketId={ticket.id}
              version={ticket.version}
              hold={ticket.contentHold}
              roles={session.user.roles}
              onChanged={(t) => setTicket(t as TicketDetail)}
            />
            <Card title="工单信息" size="small">
              <Descriptions column={2} size="small">
                <Descriptions.Item label="问题类型">
                  {ticket.categoryName ?? ticket.categoryCode}（{ticket.categoryCode}）
                </Descriptions.Item>
                <Descriptions.Item label="上报时间">{dayjs(ticket.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
                <Descriptions.Item label="所属区县">
                  {ticket.district.name}
                  {ticket.zone ? <Tag style={{ marginLeft: 6 }}>{ticket.zone.name}</Tag> : null}
                </Descriptions.Item>
                <Descriptions.Item label={suggestedOnly ? '建议处置部门' : '处置部门'}>
                  {ticket.departmentName ?? ticket.department?.name ?? '未派遣'}
                </Descriptions.Item>
                <Descriptions.Item label="处置时限">
                  <SlaCountdown dueAt={ticket.dueAt} overdue={ticket.overdue} done={done} workingHours={ticket.remainingWorkingHours} clock={ticket.slaClock} />
                </Descriptions.Item>
                <Descriptions.Item label="地址">{ticket.address || '—'}</Descriptions.Item>
                <Descriptions.Item label="问题描述" span={2}>
                  {ticket.description}
                </Descriptions.Item>
                {ticket.duplicateOf ? (
                  <Descriptions.Item label="重复工单" span={2}>
                    已合并至 <Link to={`/tickets/${ticket.duplicateOf}`}>原工单</Link>
                  </Descriptions.Item>
                ) : null}
                {ticket.duplicateIds && ticket.duplicateIds.length > 0 ? (
                  <Descriptions.Item label="合并的重复件" span={2}>
                    <Space size={4} wrap>
                      {ticket.duplicateIds.map((d) => (
                        <Link key={d} to={`/tickets/${d}`}>
                          {d}
                        </Link>
                      ))}
                    </Space>
                  </Descriptions.Item>
                ) : null}
                {ticket.reworkCount ? (
                  <Descriptions.Item label="返工/重办">{ticket.reworkCount} 次</Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <Card title="现场照片" size="small">
              <Photos photos={ticket.photos} empty="上报人未上传照片" />
            </Card>
            {ticket.afterPhotos && ticket.afterPhotos.length > 0 ? (
              <Card title="处置后照片" size="small">
                <Photos photos={ticket.afterPhotos} />
              </Card>
            ) : null}
            {rating ? (
              <Card title="上报人评价" size="small">
                <Tag color={rating.value === 'dissatisfied' ? 'red' : 'green'}>
                  {SATISFACTION_LABELS[rating.value] ?? rating.value}
                </Tag>
                {rating.comment}
              </Card>
            ) : null}
            <Card title="处理过程" size="small">
              <TicketTimeline entries={ticket.timeline ?? []} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="位置" size="small" styles={{ body: { padding: 8 } }}>
              <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
                <TicketMap lat={ticket.location.lat} lng={ticket.location.lng} districtCode={ticket.district.code} zoneId={ticket.zone?.code} />
              </Suspense>
            </Card>
            <Card title="分派依据" size="small">
              {ticket.routing?.reason ? (
                <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="routing-reason">
                  {ticket.routing.reason}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">无</Typography.Text>
              )}
              {ticket.routing?.movedBy ? (
                <Alert
                  style={{ marginTop: 8 }}
                  type="info"
                  showIcon
                  data-testid="moved-by"
                  message={`${dayjs(ticket.routing.movedBy.at).format('MM-DD HH:mm')} 由 ${ticket.routing.movedBy.name} 从 ${
                    districtName(ticket.routing.movedBy.fromDistrictCode)
                  } 移交：${ticket.routing.movedBy.reason}`}
                />
              ) : null}
            </Card>
            <Card title="来源与补充信息" size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="来源">
                  <span data-testid="ticket-source">{ticket.source?.label ?? '市民（小程序 / H5）'}</span>
                </Descriptions.Item>
                {ticket.source?.externalNo ? (
                  <Descriptions.Item label={ticket.source.channel === 'hotline12345' ? '12345 工单号' : '外部单号'}>
                    <span data-testid="ticket-external-no">{ticket.source.externalNo}</span>
                  </Descriptions.Item>
                ) : null}
                {ticket.source?.contactName ? <Descriptions.Item label={ticket.source.kind === 'staff' ? '来电人' : '联系人'}>{ticket.source.contactName}</Descriptions.Item> : null}
                {ticket.source?.email ? <Descriptions.Item label="邮箱">{ticket.source.email}</Descriptions.Item> : null}
                {(ticket.attributes ?? []).map((a) => (
                  <Descriptions.Item key={a.code} label={a.label}>
                    <span data-testid={`ticket-attribute-${a.code}`}>{a.text}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
            <Card title="上报人联系方式" size="small">
              {ticket.reporter?.anonymous ? (
                <Typography.Text type="secondary">匿名上报</Typography.Text>
              ) : (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="电话">
                    <span data-testid="contact-phone">{ticket.reporter?.phone ?? '未留电话'}</span>
                    {ticket.reporter?.phone && ticket.reporter.phoneMasked ? (
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        （已脱敏）
                      </Typography.Text>
                    ) : null}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </Card>
            <Card title="疑似重复" size="small">
              {ticket.possibleDuplicates && ticket.possibleDuplicates.length > 0 ? (
                <List
                  size="small"
                  dataSource={ticket.possibleDuplicates}
                  renderItem={(d) => (
                    <List.Item
                      actions={
                        merge
                          ? [
                              <Button key="merge" size="small" onClick={() => handleMerge(d)}>
                                合并
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <List.Item.Meta
                        title={
                          <Space size={4}>
                            <Link to={`/tickets/${d.id}`}>{d.trackingNo}</Link>
                            <StatusTag status={d.status} />
                          </Space>
                        }
                        description={[
                          d.distanceMeters !== undefined ? `相距 ${Math.round(d.distanceMeters)} 米` : '',
                          d.createdAt ? dayjs(d.createdAt).format('MM-DD HH:mm') : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="50 米、72 小时内无同类工单" />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      <SuperviseModal ticket={ticket} open={superviseOpen} onCancel={() => setSuperviseOpen(false)} onSubmit={submitSupervise} />
      {extension.modal}
      <ActionModal
        ticket={ticket}
        button={active}
        onCancel={() => setActive(null)}
        onSubmit={(body) => submit(active?.label ?? '操作', body)}
      />
    </PageContainer>
  );
}
