import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Space, Tooltip } from 'antd';
import { drillTitle } from '@cgt/shared/schemas/stats';
import { indicatorDef } from '@cgt/shared/stats/indicators';
import { districtNames } from '../../../services/districts';
import { listDepartments } from '../../../services/departments';
import type { StatDrill } from '../../stats/drill';
import { findCategory } from '@cgt/shared/categories/seed';

/** Where a unit code/id points: a district/zone name, else a department name, else the code itself. */
async function unitName(drill: StatDrill): Promise<string> {
  if (!drill.statUnit) return '全市';
  if (drill.statUnitKind !== 'department') {
    const names = await districtNames().catch(() => new Map<string, string>());
    const hit = names.get(drill.statUnit);
    if (hit) return hit;
  }
  const deps = await listDepartments().catch(() => []);
  return deps.find((d) => d.id === drill.statUnit)?.name ?? drill.statUnit;
}

/** "来自考核: 君山区 · 按期处置率（分子） · 2026-11-01 至 2026-11-30 · 共 N 件", the formula, and a way out. */
export function StatDrillBanner({ drill, total, onClear, extra }: { drill: StatDrill; total: number | null; onClear: () => void; extra?: ReactNode }) {
  const navigate = useNavigate();
  const [unit, setUnit] = useState(drill.statUnit ?? '全市');
  useEffect(() => {
    let alive = true;
    void unitName(drill).then((n) => alive && setUnit(n));
    return () => {
      alive = false;
    };
  }, [drill]);
  const def = indicatorDef(drill.stat);
  const back = new URLSearchParams({ period: 'custom', from: drill.from, to: drill.to, unit: drill.statUnitKind ?? 'district' });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="stat-drill-banner"
      message={
        <Space wrap size={4}>
          <span>
            来自考核：{unit}
            {drill.statCategory ? ` · ${findCategory(drill.statCategory)?.name ?? drill.statCategory}` : ''} · <Tooltip title={def?.formula}>{drillTitle(drill.stat)}</Tooltip>
            {' '}· {drill.from} 至 {drill.to}
          </span>
          {total !== null ? <strong data-testid="stat-drill-total">共 {total} 件</strong> : null}
        </Space>
      }
      description={def?.kind === 'rate' ? `列表为该指标分子对应的事件（${def.formula}），每个事件一行。` : '列表为该数字对应的事件，每个事件一行。'}
      action={
        <Space>
          {extra}
          <Button size="small" onClick={() => navigate(`/stats?${back.toString()}`)}>
            返回考核
          </Button>
          <Button size="small" onClick={onClear} data-testid="clear-drill">
            清除筛选
          </Button>
        </Space>
      }
    />
  );
}
