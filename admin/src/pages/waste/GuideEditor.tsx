import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { listWasteGuides, updateWasteGuide, type WasteCategoryGuide } from '../../services/waste';

interface GuideValues {
  descriptionZh: string;
  tipsZh: string[];
}

/** One category's 说明 and 投放提示, saved with a confirmation. */
function GuideCard({ guide, onSaved }: { guide: WasteCategoryGuide; onSaved: (g: WasteCategoryGuide) => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<GuideValues>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: `保存「${guide.zh}」的投放指南？`,
      content: '保存后小程序的分类指南立即更新。',
      okText: '保存',
      onOk: async () => {
        setSaving(true);
        try {
          const next = await updateWasteGuide(guide.id, { descriptionZh: values.descriptionZh.trim(), tipsZh: values.tipsZh.map((t) => t.trim()).filter(Boolean) });
          message.success(`已保存「${guide.zh}」`);
          setDirty(false);
          onSaved(next);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Card
      size="small"
      title={
        <Space>
          <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: guide.colorHex }} />
          {guide.zh}
          {guide.zhAlias && <Typography.Text type="secondary">（{guide.zhAlias}）</Typography.Text>}
          <Tag>{guide.colorZh}桶</Tag>
        </Space>
      }
      extra={
        <Space>
          {dirty && <Button size="small" onClick={() => { form.resetFields(); setDirty(false); }}>撤销</Button>}
          <Button size="small" type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>保存</Button>
        </Space>
      }
      data-testid={`guide-${guide.id}`}
    >
      <Form<GuideValues> form={form} layout="vertical" initialValues={{ descriptionZh: guide.descriptionZh, tipsZh: guide.tipsZh }} onValuesChange={() => setDirty(true)}>
        <Form.Item name="descriptionZh" label="说明" rules={[{ required: true, whitespace: true, message: '说明不能为空' }, { max: 500, message: '说明最多 500 个字符' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} showCount maxLength={500} />
        </Form.Item>
        <Form.List name="tipsZh" rules={[{ validator: async (_, v: string[]) => { if (v && v.length > 12) throw new Error('提示最多 12 条'); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label="投放提示">
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                  <Form.Item {...field} style={{ marginBottom: 8, width: 420 }} rules={[{ required: true, whitespace: true, message: '提示不能为空' }, { max: 200, message: '每条提示最多 200 个字符' }]}>
                    <Input />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除此条" />
                </Space>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} disabled={fields.length >= 12} onClick={() => add('')}>添加提示</Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <Typography.Text type="secondary">示例：{guide.examples.slice(0, 8).join('、')}</Typography.Text>
      </Form>
    </Card>
  );
}

/** 分类指南: the four categories' description and tips as the mini-program shows them. */
export function GuideEditor() {
  const [guides, setGuides] = useState<WasteCategoryGuide[] | null>(null);
  useEffect(() => {
    listWasteGuides().then(setGuides, () => setGuides([]));
  }, []);
  if (guides === null) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (guides.length === 0) return <Empty description="暂无分类指南" />;
  return (
    <Row gutter={[16, 16]}>
      {guides.map((g) => (
        <Col key={g.id} xs={24} xl={12}>
          <GuideCard guide={g} onSaved={(next) => setGuides((list) => list?.map((x) => (x.id === next.id ? next : x)) ?? null)} />
        </Col>
      ))}
    </Row>
  );
}
