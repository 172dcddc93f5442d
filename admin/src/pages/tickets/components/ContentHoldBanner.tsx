import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import type { TicketDetail } from '@cgt/shared/schemas/tickets';
import { CONTENT_HOLD_SOURCE_LABEL, mayReleaseContent } from '@cgt/shared/ticket/content-hold';
import { releaseContentHold } from '../../../services/tickets';

type Hold = NonNullable<TicketDetail['contentHold']>;

/** The 待审核 tag for lists and titles; a released hold shows nothing there (the banner keeps the record). */
export function ContentHeldTag({ held }: { held: boolean | undefined }) {
  if (!held) return null;
  return (
    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="content-held-tag">
      待审核
    </Tag>
  );
}

/**
 * 待审核 on the ticket page: why it is held, and for a dispatcher the 放行 button (with an optional note);
 * 不予立案 stays among the normal actions. After release the banner says who let it through.
 */
export function ContentHoldBanner(props: { ticketId: string; version?: number; hold: Hold | undefined; roles: readonly string[]; onChanged: (t: unknown) => void }) {
  const { hold } = props;
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!hold) return null;
  const source = CONTENT_HOLD_SOURCE_LABEL[hold.source];
  if (hold.state === 'released') {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="content-hold-released"
        message={`内容审核已放行：${hold.releasedByName ?? '调度员'}${hold.releasedAt ? ` · ${dayjs(hold.releasedAt).format('MM-DD HH:mm')}` : ''}`}
      />
    );
  }
  const release = async () => {
    setBusy(true);
    try {
      const updated = await releaseContentHold(props.ticketId, { note: note.trim() || undefined, version: props.version });
      message.success('已放行，可以受理立案');
      setOpen(false);
      props.onChanged(updated);
    } finally {
      setBusy(false); // errors are shown by the request layer's error policy
    }
  };
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="content-hold-banner"
        message={`待审核：内容安全检测提示${source}存在风险（${dayjs(hold.at).format('MM-DD HH:mm')}）`}
        description="请查看描述和照片：内容正常则放行后受理立案；确属违规内容请“不予立案”。放行前不能受理、派遣或移交。"
        action={
          mayReleaseContent(props.roles) ? (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="content-release-button">
              审核放行
            </Button>
          ) : undefined
        }
      />
      <Modal title="审核放行" open={open} onOk={release} confirmLoading={busy} onCancel={() => setOpen(false)} okText="确认放行" destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>放行后该诉求按正常流程受理、派遣，操作记入审计日志。</span>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="审核说明（选填），如：看过照片，是正常的垃圾问题" value={note} onChange={(e) => setNote(e.target.value)} />
        </Space>
      </Modal>
    </>
  );
}
