import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { listAlerts, markAlertsRead, type StaffAlert } from '../services/notifications';

/** How often the bell asks for new alerts (the SLA sweep runs every minute). */
const POLL_MS = 60_000;

/** The header bell: unread count, the latest alerts, a link to each ticket, mark read. */
export default function NotificationBell() {
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<StaffAlert[]>([]);
  const [open, setOpen] = useState(false);

  // the timer's loads are background polls: they do not keep the session alive (services/notifications.ts)
  const load = useCallback((background = false) => {
    listAlerts({ pageSize: 10, background }).then(
      (r) => {
        setUnread(r.unread);
        setItems(r.items);
      },
      () => undefined,
    );
  }, []);

  useEffect(() => {
    load();
    const t = setInterval(() => load(true), POLL_MS);
    return () => clearInterval(t);
  }, [load]);

  const openAlert = async (a: StaffAlert) => {
    if (!a.read) await markAlertsRead([a.id]).catch(() => undefined);
    setOpen(false);
    load();
    if (a.ticketId) navigate(`/tickets/${a.ticketId}`);
    else if (a.complaintId) navigate(`/complaints/${a.complaintId}`);
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item style={{ cursor: 'pointer', opacity: a.read ? 0.55 : 1 }} onClick={() => void openAlert(a)}>
              <List.Item.Meta
                title={<Typography.Text strong={!a.read}>{a.text}</Typography.Text>}
                description={dayjs(a.createdAt).format('MM-DD HH:mm')}
              />
            </List.Item>
          )}
        />
      )}
      {unread > 0 ? (
        <Button type="link" block onClick={() => void markAlertsRead('all').then(() => load())}>
          全部标为已读
        </Button>
      ) : null}
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title="提醒" content={content} open={open} onOpenChange={(o) => (setOpen(o), o && load())}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18, cursor: 'pointer' }} data-testid="notification-bell" aria-label={`提醒，${unread} 条未读`} />
      </Badge>
    </Popover>
  );
}
