import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, DatePicker, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { AssessmentItem, AssessmentResponse, CategoryBreakdownResponse, WeightsResponse } from '@cgt/shared/schemas/stats';
import { indicatorDef, type IndicatorDef } from '@cgt/shared/stats/indicators';
import { formatIndicator, formatScore } from '@cgt/shared/stats/format';
import { isMonthString } from '@cgt/shared/stats/period';
import { getAssessment, getCategoryBreakdown, getWeights } from '../../services/stats';
import { RequireAccess } from '../../components/RequireAccess';
import { periodContaining, periodLabel, periodToParams } from './period';
import { gradeBands, useMapUnits } from './components/mapColouring';
import './bulletin.css';

const AssessmentMap = lazy(() => import('./components/AssessmentMap'));

/** Columns of the printed ranking (an A4 page holds about a dozen). */
const TABLE_INDICATORS = ['reportedCount', 'acceptedCount', 'closeRate', 'onTimeCloseRate', 'onTimeHandleRate', 'reworkRate', 'satisfactionRate', 'overdueUnclosedCount'];
const SUMMARY_INDICATORS = ['reportedCount', 'acceptedCount', 'closedCount', 'closeRate', 'onTimeCloseRate', 'onTimeHandleRate', 'satisfactionRate', 'overdueUnclosedCount'];

const defs = (names: string[]) => names.map(indicatorDef).filter((d): d is IndicatorDef => Boolean(d));

function scoreChange(item: AssessmentItem): string {
  const now = item.score;
  const before = item.previous?.score;
  if (now === null || before === null || before === undefined) return '—';
  const d = Math.round((now - before) * 10) / 10;
  return d === 0 ? '持平' : d > 0 ? `↑${d.toFixed(1)}` : `↓${Math.abs(d).toFixed(1)}`;
}

function GradeMark({ grade, color }: { grade: string | null; color: string | null }) {
  if (!grade) return <>—</>;
  return (
    <span className="grade" style={{ background: color ?? '#8c8c8c' }}>
      {grade}
    </span>
  );
}

/** 月度考核通报: the month's ranking, grades, map, best and worst three with their problems — an A4 document. */
function BulletinSheet() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const monthParam = params.get('month');
  const month = monthParam && isMonthString(monthParam) ? monthParam : dayjs().subtract(1, 'month').format('YYYY-MM');
  const period = useMemo(() => periodContaining('month', `${month}-01`), [month]);
  const [data, setData] = useState<AssessmentResponse | null>(null);
  const [categories, setCategories] = useState<CategoryBreakdownResponse | null>(null);
  const [failed, setFailed] = useState(false);
  const [weights, setWeights] = useState<WeightsResponse | null>(null);

  useEffect(() => {
    let alive = true;
    setData(null);
    setFailed(false);
    Promise.all([
      getAssessment({ from: period.from, to: period.to, unit: 'district', compare: true }),
      getCategoryBreakdown({ from: period.from, to: period.to, limit: 3 }),
      // the grade thresholds in force that month (the note at the end); the document stands without them
      getWeights(month, { silent: true }).catch(() => null),
    ]).then(
      ([a, c, w]) => {
        if (!alive) return;
        setData(a);
        setCategories(c);
        setWeights(w);
      },
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [period.from, period.to, month]);

  useEffect(() => {
    document.title = `${periodLabel(period)}城市管理考核通报 · 城管通`;
  }, [period]);

  const mapUnits = useMapUnits(data, 'grade');
  if (failed) return <Result status="error" title="考核数据加载失败" />;
  if (!data) return <Spin size="large" style={{ display: 'block', padding: 120 }} />;

  const ranked = data.items.filter((i) => i.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const unranked = data.items.filter((i) => i.rank === null);
  const best = ranked.slice(0, 3);
  // the last three, never repeating one of the first three when fewer than six units are ranked
  const worst = ranked.slice(Math.max(3, ranked.length - 3)).reverse();
  const problemsOf = (code?: string) => categories?.items.find((i) => i.code === code)?.categories ?? [];
  const bands = gradeBands(data);
  const tableDefs = defs(TABLE_INDICATORS);
  const totals = defs(SUMMARY_INDICATORS);
  const demo = data.items.some((i) => i.demo);

  const unitCard = (item: AssessmentItem, tone: 'best' | 'worst') => (
    <div key={item.code ?? item.name} className="unit-card" style={{ ['--accent' as string]: tone === 'best' ? '#389e0d' : '#cf1322' }} data-testid={`bulletin-${tone}`}>
      <h3>
        第 {item.rank} 名 · {item.name} <GradeMark grade={item.grade} color={item.gradeColor} />
      </h3>
      <div>
        综合指标值 {formatScore(item.score)}（环比 {scoreChange(item)}）；按期处置率 {formatIndicator(indicatorDef('onTimeHandleRate')!, item.indicators.onTimeHandleRate)}；
        满意率 {formatIndicator(indicatorDef('satisfactionRate')!, item.indicators.satisfactionRate)}
      </div>
      <div style={{ marginTop: '1mm' }}>主要问题类型：</div>
      {problemsOf(item.code).length > 0 ? (
        <ol>
          {problemsOf(item.code).map((c) => (
            <li key={c.categoryCode}>
              {c.categoryName}：上报 {c.reportedCount} 件，结案 {c.closedCount} 件
            </li>
          ))}
        </ol>
      ) : (
        <div className="note">本月无上报</div>
      )}
    </div>
  );

  return (
    <>
      <div className="bulletin-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/stats?${new URLSearchParams({ ...periodToParams(period), unit: 'district' }).toString()}`)}>
          返回考核
        </Button>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') }, { replace: true })}
        />
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-bulletin">
          打印 / 另存为 PDF
        </Button>
      </div>
      <article className="bulletin-sheet" data-testid="bulletin" data-ready={mapUnits ? 'yes' : 'no'}>
        <h1>城市管理考核通报</h1>
        <div className="bulletin-meta">
          岳阳市城市管理局 · {periodLabel(period)}（{period.from} 至 {period.to}） · 数据截至 {dayjs(data.asOf).format('YYYY年M月D日 HH:mm')}
          {demo ? ' · 含示意边界或演示数据' : ''}
        </div>

        <h2>一、总体情况</h2>
        <p>
          {periodLabel(period)}，{data.total.name === '全市' ? '全市' : `${data.total.name}（本账号辖区）`}
          {totals.map((d, i) => `${d.label} ${formatIndicator(d, data.total.indicators[d.name])}${d.kind === 'count' ? ' 件' : ''}${i < totals.length - 1 ? '，' : '。'}`).join('')}
          全市综合指标值 {formatScore(data.total.score)}
          {data.total.grade ? `，评价等级“${data.total.grade}”` : ''}。
        </p>

        <h2>二、区县（功能区）考核排名</h2>
        <table data-testid="bulletin-ranking">
          <thead>
            <tr>
              <th>排名</th>
              <th>单位</th>
              <th>综合指标值</th>
              <th>等级</th>
              <th>环比</th>
              {tableDefs.map((d) => (
                <th key={d.name}>{d.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...ranked, ...unranked].map((i) => (
              <tr key={i.code ?? i.name}>
                <td>{i.rank ?? '—'}</td>
                <td className="name">
                  {i.name}
                  {i.kind === 'zone' ? '（功能区）' : ''}
                </td>
                <td>{formatScore(i.score)}</td>
                <td>
                  <GradeMark grade={i.grade} color={i.gradeColor} />
                </td>
                <td>{scoreChange(i)}</td>
                {tableDefs.map((d) => (
                  <td key={d.name}>{formatIndicator(d, i.indicators[d.name])}</td>
                ))}
              </tr>
            ))}
            <tr style={{ fontWeight: 600 }}>
              <td />
              <td className="name">{data.total.name}</td>
              <td>{formatScore(data.total.score)}</td>
              <td>
                <GradeMark grade={data.total.grade} color={data.total.gradeColor} />
              </td>
              <td />
              {tableDefs.map((d) => (
                <td key={d.name}>{formatIndicator(d, data.total.indicators[d.name])}</td>
              ))}
            </tr>
          </tbody>
        </table>

        <h2>三、考核等级分布图</h2>
        <div className="bulletin-map">
          <Suspense fallback={<Spin style={{ display: 'block', padding: 48 }} />}>
            {mapUnits ? <AssessmentMap {...mapUnits} height={380} renderer="svg" /> : null}
          </Suspense>
        </div>

        <h2>四、先进与后进单位</h2>
        {best.length > 0 ? (
          <div className="units">
            <div>
              <div style={{ fontWeight: 600, marginBottom: '1mm' }}>排名前三</div>
              {best.map((i) => unitCard(i, 'best'))}
            </div>
            <div>
              <div style={{ fontWeight: 600, marginBottom: '1mm' }}>排名后三</div>
              {worst.length > 0 ? worst.map((i) => unitCard(i, 'worst')) : <div className="note">参与排名的单位不足 4 个，不列后进单位</div>}
            </div>
          </div>
        ) : (
          <p>本月没有可排名的单位（各单位均无应处置工单）。</p>
        )}

        <h2>五、说明</h2>
        <div className="note">
          <p>1. {data.scoreFormula}。</p>
          <p>
            2. 评价等级：
            {weights
              ? [...weights.current.bands]
                  .sort((a, b) => b.min - a.min)
                  .map((b, i, all) => (i === 0 ? `${b.grade}（${b.min} 分及以上）` : i === all.length - 1 ? `${b.grade}（${all[i - 1]!.min} 分以下）` : `${b.grade}（${b.min}–${all[i - 1]!.min} 分）`))
                  .join('、')
              : bands.map((b) => b.label).join('、')}
            ；权重版本：{data.weightsVersion === 'default' ? '默认（成都金牛示例）' : `${data.weightsVersion} 起施行`}。
          </p>
          <p>3. {tableDefs.filter((d) => d.kind !== 'count').map((d) => d.formula).join('；')}；分母为 0 时记“—”。</p>
          <p>4. {data.asOfNote}</p>
        </div>
        <div className="signature">
          岳阳市城市管理局数字城管指挥中心
          <br />
          {dayjs().format('YYYY年M月D日')}
        </div>
      </article>
    </>
  );
}

export default function Bulletin() {
  return (
    <RequireAccess access="canSeeAssessment">
      <BulletinSheet />
    </RequireAccess>
  );
}
