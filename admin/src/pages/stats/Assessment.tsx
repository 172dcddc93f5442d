import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Col, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AssessmentResponse, CategoryBreakdownResponse, TrendResponse } from '@cgt/shared/schemas/stats';
import type { StatUnitKind } from '@cgt/shared/stats/indicators';
import { downloadAssessmentXlsx, getAssessment, getCategoryBreakdown, getTrend } from '../../services/stats';
import { BULLETIN_PATH } from '../../routes';
import { periodFromParams, periodLabel, periodToParams, type Period } from './period';
import { PeriodPicker } from './components/PeriodPicker';
import { RankingTable } from './components/RankingTable';
import { CategoryBreakdown } from './components/CategoryBreakdown';
import { ColourBySelect, useMapUnits } from './components/mapColouring';
import { TrendIndicatorSelect } from './components/TrendIndicatorSelect';

const AssessmentMap = lazy(() => import('./components/AssessmentMap'));
const TrendChart = lazy(() => import('./components/TrendChart'));

const UNIT_LABELS: Record<StatUnitKind, string> = { district: '区县 / 功能区', department: '处置单位' };

/** 考核: the period's ranking of districts/zones or departments, the map, the top problems and 12-month trends. */
export default function Assessment() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const period = useMemo(() => periodFromParams(params), [params]);
  const unit: StatUnitKind = params.get('unit') === 'department' ? 'department' : 'district';
  const setPeriod = (p: Period) => setParams({ ...periodToParams(p), unit }, { replace: true });
  const setUnit = (u: StatUnitKind) => setParams({ ...periodToParams(period), unit: u }, { replace: true });

  const [districts, setDistricts] = useState<AssessmentResponse | null>(null);
  const [departments, setDepartments] = useState<AssessmentResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [categories, setCategories] = useState<CategoryBreakdownResponse | null>(null);
  const [colourBy, setColourBy] = useState<string>('grade');
  const [trendIndicator, setTrendIndicator] = useState('onTimeHandleRate');
  const [trendUnit, setTrendUnit] = useState<string | undefined>(undefined);
  const [trend, setTrend] = useState<TrendResponse | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    const range = { from: period.from, to: period.to, compare: true };
    Promise.all([
      getAssessment({ ...range, unit: 'district' }),
      unit === 'department' ? getAssessment({ ...range, unit: 'department' }) : Promise.resolve(null),
      getCategoryBreakdown({ from: period.from, to: period.to, limit: 10 }),
    ])
      .then(([d, dep, cats]) => {
        if (!alive) return;
        setDistricts(d);
        setDepartments(dep);
        setCategories(cats);
      })
      .catch(() => undefined) // shown by the error policy
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [period.from, period.to, unit]);

  useEffect(() => setTrendUnit(undefined), [unit]);

  useEffect(() => {
    let alive = true;
    getTrend({ indicator: trendIndicator, unit, code: trendUnit, to: period.to.slice(0, 7), months: 12 }).then(
      (t) => alive && setTrend(t),
      () => alive && setTrend(null),
    );
    return () => {
      alive = false;
    };
  }, [trendIndicator, unit, trendUnit, period.to]);

  const ranking = unit === 'district' ? districts : departments;
  const mapUnits = useMapUnits(districts, colourBy);
  const selectDistrict = useCallback((code: string) => setSelected(code), []);
  const selectedName = districts?.items.find((i) => i.code === selected)?.name;
  const categoryRows = selected ? (categories?.items.find((i) => i.code === selected)?.categories ?? []) : (categories?.total ?? []);
  const demo = ranking?.items.some((i) => i.demo);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadAssessmentXlsx({ from: period.from, to: period.to, unit }, `${periodLabel(period)}考核排名（${UNIT_LABELS[unit].replace(/ /g, '')}）.xlsx`);
      message.success('已导出 Excel');
    } catch {
      // shown by the error policy
    } finally {
      setExporting(false);
    }
  };

  const bulletinMonth = dayjs(period.from).format('YYYY-MM');

  return (
    <PageContainer
      title="考核"
      subTitle={periodLabel(period)}
      extra={[
        <PeriodPicker key="period" value={period} onChange={setPeriod} />,
        // a real link (new tab): the bulletin is a page of its own, printed from there
        <Button key="bulletin" icon={<PrinterOutlined />} href={`/admin${BULLETIN_PATH}?month=${bulletinMonth}`} target="_blank" data-testid="open-bulletin">
          月度考核通报
        </Button>,
      ]}
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          data-testid="as-of"
          message={
            <span>
              统计区间 {period.from} 至 {period.to}
              {districts ? `；数据截至 ${dayjs(districts.asOf).format('YYYY-MM-DD HH:mm')}；权重版本 ${districts.weightsVersion === 'default' ? '默认（成都金牛示例）' : districts.weightsVersion}` : ''}
            </span>
          }
          description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{districts?.asOfNote}</Typography.Text>}
        />
        {demo ? <Alert type="warning" showIcon message="标“示例”的单位为示意边界或演示数据，正式考核以真实边界和业务数据为准。" /> : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card
              size="small"
              title="考核地图"
              extra={<ColourBySelect value={colourBy} onChange={setColourBy} />}
              styles={{ body: { padding: 8 } }}
            >
              <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
                {mapUnits ? <AssessmentMap {...mapUnits} height={460} onSelect={selectDistrict} /> : <Spin style={{ display: 'block', padding: 48 }} />}
              </Suspense>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              size="small"
              title={`问题类型 Top 10 · ${selectedName ?? '全市'}`}
              extra={
                <Select
                  size="small"
                  style={{ width: 160 }}
                  value={selected ?? ''}
                  onChange={(v) => setSelected(v || undefined)}
                  options={[{ value: '', label: '全市' }, ...(districts?.items ?? []).map((i) => ({ value: i.code ?? '', label: i.name }))]}
                  data-testid="category-unit"
                />
              }
            >
              <CategoryBreakdown rows={categoryRows} drill={{ statUnit: selected, from: period.from, to: period.to }} />
            </Card>
          </Col>
        </Row>
        <Segmented<StatUnitKind>
          value={unit}
          onChange={setUnit}
          options={(['district', 'department'] as StatUnitKind[]).map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
          data-testid="unit-switch"
        />
        <RankingTable
          data={ranking}
          unit={unit}
          loading={loading}
          onSelectUnit={unit === 'district' ? selectDistrict : (id) => setTrendUnit(id)}
          toolBar={[
            <Button key="xlsx" icon={<FileExcelOutlined />} loading={exporting} onClick={exportXlsx} data-testid="export-ranking">
              导出 Excel
            </Button>,
          ]}
        />
        <Card
          size="small"
          title={`近 12 个月趋势${trend ? ` · ${trend.name} · ${trend.label}` : ''}`}
          extra={
            <Space>
              <TrendIndicatorSelect unit={unit} value={trendIndicator} onChange={setTrendIndicator} />
              <Select
                size="small"
                style={{ width: 200 }}
                value={trendUnit ?? ''}
                onChange={(v) => setTrendUnit(v || undefined)}
                showSearch
                optionFilterProp="label"
                options={[{ value: '', label: '全市' }, ...(ranking?.items ?? []).map((i) => ({ value: i.code ?? i.id ?? '', label: i.name }))]}
                data-testid="trend-unit"
              />
            </Space>
          }
        >
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            {trend ? <TrendChart trend={trend} /> : <Spin style={{ display: 'block', padding: 48 }} />}
          </Suspense>
        </Card>
      </Space>
    </PageContainer>
  );
}
