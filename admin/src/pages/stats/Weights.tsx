import { useCallback, useEffect, useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, ColorPicker, DatePicker, Form, InputNumber, List, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { WeightsResponse, WeightsVersion } from '@cgt/shared/schemas/stats';
import { indicatorDef, INDICATORS } from '@cgt/shared/stats/indicators';
import { GRADES, scoreFormulaText, weightsProblems, type Grade, type WeightTerm } from '@cgt/shared/stats/score';
import { getWeights, saveWeights } from '../../services/stats';
import { ApiError } from '../../services/request';

interface FormValues {
  effectiveFrom: Dayjs;
  terms: WeightTerm[];
  bands: { grade: Grade; min: number; color: string }[];
}

const RATE_OPTIONS = INDICATORS.filter((d) => d.kind === 'rate').map((d) => ({ value: d.name, label: d.label }));

function toForm(v: WeightsVersion, month: Dayjs): FormValues {
  return {
    effectiveFrom: month,
    terms: v.terms.map((t) => ({ ...t })),
    bands: GRADES.map((g) => {
      const b = v.bands.find((x) => x.grade === g);
      return { grade: g, min: b?.min ?? 0, color: b?.color ?? '#8c8c8c' };
    }),
  };
}

const versionLabel = (v: WeightsVersion) => (v.effectiveFrom === 'default' ? '默认（成都金牛示例）' : `${v.effectiveFrom} 起`);

/** 考核权重: the 综合指标值 terms and the grade bands, saved as a version that applies from a month on. */
export default function Weights() {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [data, setData] = useState<WeightsResponse | null>(null);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const terms = Form.useWatch('terms', form) as WeightTerm[] | undefined;

  const load = useCallback(async () => {
    const res = await getWeights();
    setData(res);
    form.setFieldsValue(toForm(res.current, dayjs().add(1, 'month').startOf('month')));
  }, [form]);

  useEffect(() => {
    load().catch(() => undefined);
  }, [load]);

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      effectiveFrom: v.effectiveFrom.format('YYYY-MM'),
      terms: v.terms.map((t) => ({ indicator: t.indicator, weight: Number(t.weight), invert: Boolean(t.invert) })),
      bands: v.bands.map((b) => ({ grade: b.grade, min: Number(b.min), color: typeof b.color === 'string' ? b.color : String(b.color) })),
    };
    const found = weightsProblems(body);
    setProblems(found.map((p) => p.message));
    if (found.length > 0) return;
    setSaving(true);
    try {
      await saveWeights(body);
      setData(await getWeights());
      message.success(`已保存：${body.effectiveFrom} 起按新权重计算`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    } finally {
      setSaving(false);
    }
  };

  const preview = terms && terms.every((t) => t && t.indicator) ? scoreFormulaText({ terms: terms.map((t) => ({ ...t, weight: Number(t.weight) || 0, invert: Boolean(t.invert) })), bands: [] }) : '';

  return (
    <PageContainer title="考核权重" subTitle="综合指标值的权重与评价等级，按月份生效；某月的考核结果按该月生效的版本计算">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title="新版本" size="small">
            <Form form={form} layout="vertical" data-testid="weights-form">
              <Form.Item name="effectiveFrom" label="生效月份（从该月起）" rules={[{ required: true, message: '请选择生效月份' }]}>
                <DatePicker picker="month" allowClear={false} />
              </Form.Item>
              <Typography.Title level={5}>指标权重</Typography.Title>
              <Form.List name="terms">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'indicator']} rules={[{ required: true, message: '请选择指标' }]}>
                          <Select style={{ width: 180 }} options={RATE_OPTIONS} placeholder="比率类指标" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                          <InputNumber min={0} max={100} addonAfter="分" style={{ width: 120 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'invert']} valuePropName="checked" tooltip="越低越好的比率（返工率等）按 1 − 值 计分">
                          <Switch checkedChildren="1 − 值" unCheckedChildren="原值" />
                        </Form.Item>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {indicatorDef(form.getFieldValue(['terms', f.name, 'indicator']))?.formula}
                        </Typography.Text>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ indicator: undefined, weight: 10, invert: false })} disabled={fields.length >= 12}>
                      添加指标
                    </Button>
                  </>
                )}
              </Form.List>
              {preview ? <Alert style={{ marginTop: 12 }} type="info" message={preview} /> : null}
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                评价等级
              </Typography.Title>
              <Form.List name="bands">
                {(fields) =>
                  fields.map((f) => (
                    <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                      <Tag style={{ width: 56, textAlign: 'center' }}>{form.getFieldValue(['bands', f.name, 'grade'])}</Tag>
                      <Form.Item name={[f.name, 'min']} rules={[{ required: true, message: '请填写下限' }]}>
                        <InputNumber min={0} max={100} addonBefore="下限" addonAfter="分" style={{ width: 170 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'color']} getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}>
                        <ColorPicker disabledAlpha format="hex" showText />
                      </Form.Item>
                    </Space>
                  ))
                }
              </Form.List>
              {problems.length > 0 ? <Alert type="error" showIcon message="请修改后再保存" description={problems.join('；')} style={{ marginBottom: 12 }} /> : null}
              <Button type="primary" loading={saving} onClick={submit} data-testid="save-weights">
                保存为新版本
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title="已保存的版本" size="small">
            {data ? (
              <>
                <Alert type="success" style={{ marginBottom: 12 }} message={`本月（${data.month}）生效：${versionLabel(data.current)}`} />
                <List
                  size="small"
                  dataSource={data.versions}
                  locale={{ emptyText: '尚未保存过版本，当前使用默认权重' }}
                  renderItem={(v) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Space>
                            {versionLabel(v)}
                            {v.bands.map((b) => (
                              <Tag key={b.grade} color={b.color}>
                                {b.grade} ≥{b.min}
                              </Tag>
                            ))}
                          </Space>
                        }
                        description={
                          <>
                            <div>{scoreFormulaText({ terms: v.terms, bands: v.bands })}</div>
                            {v.updatedAt ? (
                              <div>
                                {dayjs(v.updatedAt).format('YYYY-MM-DD HH:mm')}
                                {v.updatedBy ? ` · ${v.updatedBy}` : ''}
                              </div>
                            ) : null}
                          </>
                        }
                      />
                      <Button size="small" onClick={() => form.setFieldsValue(toForm(v, form.getFieldValue('effectiveFrom') as Dayjs))}>
                        以此为模板
                      </Button>
                    </List.Item>
                  )}
                />
              </>
            ) : null}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
