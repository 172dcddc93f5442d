import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Context } from 'koa';
import { COUNTER_LABELS, type StatCounter } from '@cgt/shared/stats/counters';
import { indicatorDef, indicatorsFor, type IndicatorDef } from '@cgt/shared/stats/indicators';
import { AS_OF_NOTE } from '@cgt/shared/stats/format';
import type { AppDeps } from '../../deps.js';
import type { AssessmentResult } from './assessment.js';

/**
 * Excel exports (exceljs streaming WorkbookWriter: each row is committed to the response as it is written,
 * so a 200,000-row list never sits in memory): Chinese headers, percentages with one decimal, a frozen
 * header row, column widths, a 合计/全市 row, and the period and formulas on a second sheet.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 Chinese name in filename*. */
export function contentDisposition(fileName: string, fallback = 'export.xlsx'): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function numFmt(def: Pick<IndicatorDef, 'kind'>): string {
  return def.kind === 'rate' ? '0.0%' : def.kind === 'hours' ? '0.0' : '0';
}

/** Starts a streamed download: headers now, rows as `write` produces them; errors end the stream. */
export function streamXlsx(ctx: Context, deps: AppDeps, fileName: string, fallback: string, write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): void {
  const out = new PassThrough();
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', contentDisposition(fileName, fallback));
  ctx.set('Cache-Control', 'no-store');
  ctx.body = out;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out as Writable, useStyles: true, useSharedStrings: false });
  wb.creator = '城管通';
  write(wb)
    .then(() => wb.commit())
    .catch((err: unknown) => {
      deps.logger.error({ err }, 'xlsx export failed');
      out.destroy(err as Error);
    });
}

const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true }, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } } };

function styleHeader(row: ExcelJS.Row): void {
  row.height = 32;
  row.eachCell((c) => Object.assign(c, { style: { ...c.style, ...HEADER_STYLE } }));
}

/** The second sheet: period, unit, weights version, "as of" rule, the score formula and each indicator's formula. */
function formulaSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, lines: [string, string][], defs: readonly IndicatorDef[]): void {
  const ws = wb.addWorksheet('统计口径与公式', { views: [{ state: 'frozen', ySplit: 0 }] });
  ws.columns = [
    { header: '项目', key: 'k', width: 22 },
    { header: '说明', key: 'v', width: 100 },
  ];
  styleHeader(ws.getRow(1));
  for (const [k, v] of lines) ws.addRow({ k, v }).commit();
  ws.addRow({}).commit();
  for (const d of defs) ws.addRow({ k: d.label, v: d.formula }).commit();
  ws.commit();
}

export function writeAssessmentXlsx(ctx: Context, deps: AppDeps, r: AssessmentResult): void {
  const unitLabel = r.unit === 'district' ? '区域' : '部门';
  const fileName = `考核排名_${unitLabel}_${r.from}至${r.to}.xlsx`;
  streamXlsx(ctx, deps, fileName, `assessment-${r.unit}-${r.from}-${r.to}.xlsx`, async (wb) => {
    const defs = indicatorsFor(r.unit);
    const ws = wb.addWorksheet('考核排名', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    ws.columns = [
      { header: '排名', key: 'rank', width: 6 },
      { header: r.unit === 'district' ? '区域' : '处置单位', key: 'name', width: 22 },
      ...(r.unit === 'department' ? [{ header: '所属区域', key: 'districtName', width: 14 }] : []),
      { header: '综合指标值', key: 'score', width: 11, style: { numFmt: '0.0' } },
      { header: '等级', key: 'grade', width: 8 },
      ...defs.map((d) => ({ header: d.label, key: d.name, width: Math.max(10, d.label.length * 2 + 2), style: { numFmt: numFmt(d) } })),
    ];
    styleHeader(ws.getRow(1));
    const value = (d: IndicatorDef, v: number | null | undefined) => (v === null || v === undefined ? '—' : v);
    for (const it of r.items) {
      const row: Record<string, unknown> = { rank: it.rank ?? '—', name: `${it.name}${it.demo ? '（演示）' : ''}`, districtName: it.districtName, score: it.score ?? '—', grade: it.grade ?? '—' };
      for (const d of defs) row[d.name] = value(d, it.indicators[d.name]);
      ws.addRow(row).commit();
    }
    const total: Record<string, unknown> = { rank: '', name: r.total.name, score: r.total.score ?? '—', grade: r.total.grade ?? '—' };
    for (const d of defs) total[d.name] = value(d, r.total.indicators[d.name]);
    const tr = ws.addRow(total);
    tr.font = { bold: true };
    tr.commit();
    ws.commit();
    formulaSheet(
      wb,
      [
        ['统计区间', `${r.from} 至 ${r.to}`],
        ['统计单位', unitLabel],
        ['权重版本', r.weightsVersion === 'default' ? '默认（成都金牛示例）' : `${r.weightsVersion} 起生效`],
        ['综合指标值', r.scoreFormula],
        ['等级', r.weights.bands.map((b) => `${b.grade} ≥ ${b.min}`).join('；')],
        ['统计口径', AS_OF_NOTE],
        ['导出时间', r.asOf],
      ],
      defs,
    );
  });
}

/** A row of a drill-down export. */
export interface DrillRow {
  trackingNo: string;
  categoryName: string;
  statusLabel: string;
  districtName: string;
  zoneName?: string;
  departmentName?: string;
  eventLabel: string;
  eventAt: Date;
  createdAt: Date;
  dueAt: Date;
  description: string;
  address?: string;
}

/** Streams a drill-down list: `rows` yields pages (cursor paging), each written and committed at once. */
export function writeDrillXlsx(
  ctx: Context,
  deps: AppDeps,
  meta: { stat: string; unitName: string; from: string; to: string },
  pages: AsyncIterable<DrillRow[]>,
): void {
  const def = indicatorDef(meta.stat)!;
  const fileName = `明细_${def.label}_${meta.unitName}_${meta.from}至${meta.to}.xlsx`;
  streamXlsx(ctx, deps, fileName, `drill-${meta.stat}-${meta.from}-${meta.to}.xlsx`, async (wb) => {
    const ws = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '序号', key: 'n', width: 8 },
      { header: '受理编号', key: 'trackingNo', width: 20 },
      { header: '计入事件', key: 'eventLabel', width: 14 },
      { header: '事件时间', key: 'eventAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: '问题类型', key: 'categoryName', width: 14 },
      { header: '当前状态', key: 'statusLabel', width: 10 },
      { header: '区域', key: 'districtName', width: 12 },
      { header: '功能区', key: 'zoneName', width: 12 },
      { header: '处置单位', key: 'departmentName', width: 20 },
      { header: '提交时间', key: 'createdAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: '处置时限', key: 'dueAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: '问题描述', key: 'description', width: 40 },
      { header: '地址', key: 'address', width: 30 },
    ];
    styleHeader(ws.getRow(1));
    // Excel has no time zones: write Shanghai wall-clock times
    const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
    let n = 0;
    for await (const page of pages) {
      for (const r of page) {
        n++;
        ws.addRow({ ...r, n, eventAt: local(r.eventAt), createdAt: local(r.createdAt), dueAt: local(r.dueAt) }).commit();
      }
    }
    const tr = ws.addRow({ n: '合计', trackingNo: `${n} 条` });
    tr.font = { bold: true };
    tr.commit();
    ws.commit();
    formulaSheet(
      wb,
      [
        ['统计区间', `${meta.from} 至 ${meta.to}`],
        ['统计单位', meta.unitName],
        ['指标', `${def.label}：${def.formula}`],
        ['明细', `本表为该指标分子（${def.numerator.map((k: StatCounter) => COUNTER_LABELS[k]).join(' + ')}）对应的事件，一行一个事件，合计等于分子`],
        ['统计口径', AS_OF_NOTE],
      ],
      [def],
    );
  });
}
