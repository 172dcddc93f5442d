import { createHash } from 'node:crypto';
import type { ZoneImportRequest } from '@cgt/shared/schemas/districts';
import { bboxOf, bboxUnion, validatePolygon, type AreaGeometry, type BBox } from '@cgt/shared/geo/polygon';
import type { AppDeps } from '../../deps.js';
import type { StaffPrincipal } from '../../http/auth.js';
import { fail, type ErrorDetail } from '../../http/errors.js';
import { AreaIndex } from '../../domain/routing/area-index.js';
import { actorOf, recordAudit } from '../../services/audit.js';
import { bumpRoutingVersion } from '../../services/routing.js';

/** How far (degrees, ≈ 20 km) an imported zone may reach beyond the city's bounding box. */
export const CITY_MARGIN_DEGREES = 0.2;

interface PreparedZone {
  code: string;
  name: string;
  geometry: AreaGeometry;
  bbox: BBox;
  parentCodes: string[];
}

/**
 * 导入功能区边界 (admins). Validates every feature first and writes only when all are valid (nothing
 * half-imported): 422 invalid_geometry lists each problem with the feature index. Valid zones are upserted
 * by code as official (demo:false) boundaries, the routing data version is bumped and the import audited.
 * Returns the imported zones as stored (without geometry).
 */
export async function importZones(deps: AppDeps, by: StaffPrincipal, body: ZoneImportRequest, ip: string) {
  const zones = await writeZones(deps, body, by.displayName || by.username);
  await recordAudit(deps, {
    actor: actorOf(by),
    action: 'zone.import',
    targetType: 'district',
    targetId: zones.map((z) => z.code).join(','),
    ip,
    details: { count: zones.length, names: zones.map((z) => z.name) },
  });
  return deps.models.District.find({ code: { $in: zones.map((z) => z.code) } }, { geometry: 0 }).lean();
}

async function writeZones(deps: AppDeps, body: ZoneImportRequest, importedBy: string): Promise<PreparedZone[]> {
  const features = body.type === 'FeatureCollection' ? body.features : [body];
  const prefix = (i: number) => (body.type === 'FeatureCollection' ? `features[${i}]` : '');
  const field = (i: number, rest: string) => [prefix(i), rest].filter(Boolean).join('.');

  const areas = await deps.models.District.find({}, { code: 1, name: 1, kind: 1, demo: 1, geometry: 1, bbox: 1 }).lean();
  const districts = areas.filter((a) => a.kind === 'district');
  if (districts.length === 0) throw fail('no_districts', [], '尚未载入区县边界，无法导入功能区');
  const cityBbox = districts
    .map((d): BBox => [d.bbox?.minLng ?? 0, d.bbox?.minLat ?? 0, d.bbox?.maxLng ?? 0, d.bbox?.maxLat ?? 0])
    .reduce((a, b) => bboxUnion(a, b));
  const districtIndex = new AreaIndex(
    districts.map((d) => ({ code: d.code, name: d.name, kind: 'district' as const, demo: false, geometry: JSON.parse(d.geometry) as AreaGeometry })),
  );
  const zoneByName = new Map(areas.filter((a) => a.kind === 'zone').map((a) => [a.name, a.code]));
  const districtCodes = new Set(districts.map((d) => d.code));

  const details: ErrorDetail[] = [];
  const prepared: PreparedZone[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const name = f.properties.name;
    const problems = validatePolygon(f.geometry, { bounds: cityBbox, marginDegrees: CITY_MARGIN_DEGREES });
    for (const p of problems) {
      details.push({ field: field(i, `geometry.${p.path}`), feature: i, problem: p.code, message: `${name}：${p.message}` });
    }
    // re-importing a zone by name replaces its (demo) boundary instead of creating a twin
    const code = f.properties.code ?? zoneByName.get(name) ?? `Z-${createHash('sha256').update(name).digest('hex').slice(0, 6).toUpperCase()}`;
    if (districtCodes.has(code)) {
      details.push({ field: field(i, 'properties.code'), feature: i, problem: 'code_taken', message: `代码 ${code} 已被区县使用` });
    } else if (seen.has(code)) {
      details.push({ field: field(i, 'properties.code'), feature: i, problem: 'duplicate_code', message: `代码 ${code} 在本次导入中重复` });
    }
    seen.add(code);
    if (problems.length > 0) return;
    const geometry = f.geometry as unknown as AreaGeometry;
    const parents = new Set<string>();
    forEachVertex(geometry, (lng, lat) => {
      const hit = districtIndex.resolve({ lat, lng });
      if (hit) parents.add(hit.district.code);
    });
    if (parents.size === 0) {
      details.push({ field: field(i, 'geometry'), feature: i, problem: 'outside_districts', message: `${name}：边界不在任何区县范围内` });
      return;
    }
    prepared.push({ code, name, geometry, bbox: bboxOf(geometry), parentCodes: [...parents].sort() });
  });
  if (details.length > 0) {
    throw fail('invalid_geometry', details, `边界数据无效：${String(details[0]?.message ?? '')}`);
  }

  const source = `管理员导入（${importedBy}，${deps.now().toISOString().slice(0, 10)}）`;
  for (const z of prepared) {
    const [minLng, minLat, maxLng, maxLat] = z.bbox;
    await deps.models.District.updateOne(
      { code: z.code },
      {
        $set: {
          name: z.name,
          kind: 'zone',
          parentCodes: z.parentCodes,
          geometry: JSON.stringify(z.geometry),
          bbox: { minLng, minLat, maxLng, maxLat },
          center: { lng: (minLng + maxLng) / 2, lat: (minLat + maxLat) / 2 },
          demo: false,
          source,
          active: true,
        },
      },
      { upsert: true },
    );
  }
  await bumpRoutingVersion(deps);
  return prepared;
}

function forEachVertex(g: AreaGeometry, fn: (lng: number, lat: number) => void): void {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polys) for (const p of rings[0] ?? []) fn(p[0] ?? NaN, p[1] ?? NaN);
}
