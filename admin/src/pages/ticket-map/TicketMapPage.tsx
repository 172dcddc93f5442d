import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Card, Select, Space, Spin, Switch, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { OPEN_STATES } from '@cgt/shared/ticket/machine';
import type { TicketMapMarker, TicketMapResponse } from '@cgt/shared/schemas/map';
import { useSession } from '../../stores/session';
import { useMasterData } from '../../hooks/useMasterData';
import { mapBase, mapConfig, ticketMarkers, type TicketMapFilters } from '../../services/ticket-map';
import { statusLabel } from '../tickets/labels';
import { createBaseMap, escapeHtml } from './base-map';
import { clusterColor, MARKER_COLORS, markerColor } from './marker-style';
import './ticket-map.css';

type Built = ReturnType<typeof createBaseMap> & { cluster: L.MarkerClusterGroup };
type Tagged = L.Marker & { ticket?: TicketMapMarker };

/**
 * 工单地图: the open tickets of the user's scope over the district outlines, clustered, coloured by
 * state (red = overdue); the filters of the queue; a click opens the ticket. The server sends at most
 * `cap` markers, most urgent first, and says how many match.
 */
export default function TicketMapPage() {
  const navigate = useNavigate();
  const session = useSession();
  const { districts, categories } = useMasterData(false);
  const el = useRef<HTMLDivElement>(null);
  const built = useRef<Built | null>(null);
  const [ready, setReady] = useState(false);
  const [mapError, setMapError] = useState('');
  const [filters, setFilters] = useState<TicketMapFilters>({});
  const [data, setData] = useState<TicketMapResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    let gone = false;
    void (async () => {
      try {
        const config = await mapConfig();
        const base = await mapBase().catch(() => null);
        if (gone || !el.current) return;
        const b = createBaseMap(el.current, config, base);
        const cluster = L.markerClusterGroup({
          showCoverageOnHover: false,
          maxClusterRadius: 50,
          iconCreateFunction: (c) => {
            const members = (c.getAllChildMarkers() as Tagged[]).map((m) => m.ticket!).filter(Boolean);
            const n = c.getChildCount();
            const size = n < 10 ? 30 : n < 100 ? 38 : 46;
            return L.divIcon({
              className: 'tmap__cluster',
              html: `<span style="background:${clusterColor(members)};width:${size}px;height:${size}px;line-height:${size}px">${n}</span>`,
              iconSize: [size, size],
            });
          },
        }).addTo(b.map);
        if (base) b.map.fitBounds(b.outlines.getBounds(), { padding: [10, 10] });
        built.current = { ...b, cluster };
        setReady(true);
      } catch {
        if (!gone) setMapError('地图加载失败，请刷新重试');
      }
    })();
    return () => {
      gone = true;
      built.current?.map.remove();
      built.current = null;
    };
  }, []);

  // one request per filter change; an answer to a request no longer wanted is dropped
  useEffect(() => {
    const n = ++seq.current;
    setLoading(true);
    ticketMarkers(filters).then(
      (res) => n === seq.current && setData(res),
      () => undefined, // shown by the error policy
    ).finally(() => n === seq.current && setLoading(false));
  }, [filters]);

  useEffect(() => {
    const b = built.current;
    if (!ready || !b || !data) return;
    b.cluster.clearLayers();
    const markers = data.markers.map((t) => {
      const m: Tagged = L.marker(b.toView(t), {
        title: `${t.trackingNo} ${t.categoryName}`,
        icon: L.divIcon({ className: 'tmap__marker', html: `<span style="background:${markerColor(t)}"></span>`, iconSize: [16, 16] }),
      });
      m.ticket = t;
      m.bindTooltip(`${escapeHtml(t.trackingNo)} · ${escapeHtml(t.categoryName)}<br/>${statusLabel(t.status)}${t.overdue ? ' · 已超时' : ''}`);
      m.on('click', () => navigate(`/tickets/${t.id}`));
      return m;
    });
    b.cluster.addLayers(markers);
  }, [data, ready, navigate]);

  const districtOptions = useMemo(() => {
    const own = session?.user.districtCodes ?? [];
    return districts.filter((d) => own.length === 0 || own.includes(d.code)).map((d) => ({ label: d.kind === 'zone' ? `${d.name}（功能区）` : d.name, value: d.code }));
  }, [districts, session?.user.districtCodes]);
  const set = (patch: TicketMapFilters) => setFilters((f) => ({ ...f, ...patch }));

  const shown = data?.markers.length ?? 0;
  const summary = !data
    ? ''
    : shown < data.total
      ? `显示 ${shown} / ${data.totalExact ? '' : '至少 '}${data.total} 个（按处置时限最紧的优先，最多 ${data.cap} 个；请用筛选缩小范围）`
      : `共 ${shown} 个未办结工单`;

  return (
    <PageContainer title='工单地图'>
      <Card size='small'>
        <Space wrap size='middle' className='tmap__filters'>
          <Select allowClear placeholder='区县/功能区' style={{ width: 180 }} options={districtOptions} value={filters.districtCode} onChange={(v?: string) => set({ districtCode: v })} />
          <Select
            allowClear
            placeholder='状态'
            style={{ width: 140 }}
            options={OPEN_STATES.map((s) => ({ label: statusLabel(s), value: s }))}
            value={filters.status}
            onChange={(v?: string) => set({ status: v })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp='label'
            placeholder='问题类型'
            style={{ width: 220 }}
            options={categories.map((c) => ({ label: `${c.name}（${c.code}）`, value: c.code }))}
            value={filters.categoryCode}
            onChange={(v?: string) => set({ categoryCode: v })}
          />
          <Space>
            <Switch size='small' checked={filters.overdue === true} onChange={(on) => set({ overdue: on ? true : undefined })} />
            <span>只看超时</span>
          </Space>
          <Typography.Text type='secondary' className='tmap__summary'>
            {loading ? <Spin size='small' /> : summary}
          </Typography.Text>
        </Space>
        <div className='tmap__legend'>
          {(['submitted', 'accepted', 'dispatched', 'resolved'] as const).map((s) => (
            <span key={s}>
              <i style={{ background: MARKER_COLORS[s] }} />
              {statusLabel(s)}
            </span>
          ))}
          <span>
            <i style={{ background: MARKER_COLORS.overdue }} />
            已超时
          </span>
        </div>
      </Card>
      {mapError ? <Alert type='error' showIcon message={mapError} style={{ marginTop: 12 }} /> : null}
      <div ref={el} className='tmap__map' data-testid='ticket-map' />
    </PageContainer>
  );
}
