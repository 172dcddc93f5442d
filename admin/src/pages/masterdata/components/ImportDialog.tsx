import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import type { ImportMode, ImportOutcome, RowError } from '../../../services/masterdata';

export interface ImportDialogProps<R> {
  open: boolean;
  title: string;
  /** File types offered by the picker, e.g. ".csv" or ".csv,.geojson,.json". */
  accept: string;
  /** Format notes under the drop zone. */
  hint: ReactNode;
  /** Offer "只导入有效行" (valid-only mode) when some rows are refused. */
  validOnly?: boolean;
  /** Column title of the row number ("行号" for CSV, "要素序号" for GeoJSON). */
  rowLabel?: string;
  /** Chinese names of the file's fields (server sends the column name). */
  fieldLabels?: Record<string, string>;
  onImport: (file: File, mode: ImportMode) => Promise<ImportOutcome<R>>;
  /** The written counts in one Chinese sentence. */
  summary: (result: R) => string;
  /** Options shown above the drop zone (e.g. the file's coordinate system). */
  extra?: ReactNode;
  /** Rows skipped in valid-only mode (returned with a success). */
  skipped?: (result: R) => RowError[];
  onClose: (changed: boolean) => void;
}

/** Upload a file → import; on refusal show every row error and offer to import only the valid rows. */
export function ImportDialog<R>({ open, title, accept, hint, validOnly = true, rowLabel = '行号', fieldLabels = {}, onImport, summary, skipped, extra, onClose }: ImportDialogProps<R>) {
  const { modal } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome<R> | null>(null);
  const [changed, setChanged] = useState(false);

  const file = files[0]?.originFileObj as File | undefined;

  const run = async (mode: ImportMode) => {
    if (!file) return;
    setBusy(true);
    try {
      const res = await onImport(file, mode);
      setOutcome(res);
      if (res.ok) setChanged(true);
    } catch {
      // shown by the error policy
    } finally {
      setBusy(false);
    }
  };

  const confirmValidOnly = (errors: RowError[]) =>
    modal.confirm({
      title: '只导入有效行？',
      content: `将跳过 ${new Set(errors.map((e) => e.row)).size} 行有误的数据，其余数据写入系统。`,
      okText: '只导入有效行',
      onOk: () => run('valid-only'),
    });

  const close = () => {
    onClose(changed);
    setFiles([]);
    setOutcome(null);
    setChanged(false);
  };

  const errors = outcome ? (outcome.ok ? (skipped?.(outcome.result) ?? []) : outcome.errors) : [];

  return (
    <Modal
      open={open}
      title={title}
      width={720}
      onCancel={close}
      destroyOnHidden
      footer={
        outcome?.ok
          ? [<Button key="done" type="primary" onClick={close}>完成</Button>]
          : [
              <Button key="cancel" onClick={close}>取消</Button>,
              outcome && !outcome.ok && validOnly && outcome.errors.length > 0 ? (
                <Button key="valid" danger loading={busy} onClick={() => confirmValidOnly(outcome.errors)} data-testid="import-valid-only">
                  只导入有效行
                </Button>
              ) : null,
              <Button key="import" type="primary" loading={busy} disabled={!file} onClick={() => run('all-or-nothing')} data-testid="import-submit">
                导入
              </Button>,
            ]
      }
    >
      {outcome?.ok ? (
        <Result status={errors.length ? 'warning' : 'success'} title="导入完成" subTitle={summary(outcome.result) + (errors.length ? `；跳过 ${new Set(errors.map((e) => e.row)).size} 行有误的数据` : '')} style={{ padding: '16px 0' }} />
      ) : (
        <>
          {extra}
          <Upload.Dragger
            accept={accept}
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              setOutcome(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽文件到此处</p>
            <p className="ant-upload-hint" style={{ wordBreak: 'break-word', padding: '0 12px' }}>{hint}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            默认整份文件校验通过才写入；有错误时不会写入任何数据{validOnly ? '，可选择“只导入有效行”' : ''}。
          </Typography.Paragraph>
        </>
      )}
      {outcome && !outcome.ok && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={outcome.message} description={outcome.errors.length ? `共 ${outcome.errors.length} 处错误，详见下表；请修改文件后重新导入。` : undefined} />
      )}
      {errors.length > 0 && (
        <Table<RowError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e, i) => `${e.row}-${e.field}-${i}`}
          dataSource={errors}
          pagination={errors.length > 8 ? { pageSize: 8, size: 'small' } : false}
          data-testid="import-errors"
          columns={[
            { title: rowLabel, dataIndex: 'row', width: 90 },
            { title: '字段', dataIndex: 'field', width: 140, render: (v: string) => (v ? (fieldLabels[v] ? `${fieldLabels[v]}（${v}）` : v) : '—') },
            { title: '问题', dataIndex: 'message', render: (v: string) => <Space>{v}</Space> },
          ]}
        />
      )}
    </Modal>
  );
}
