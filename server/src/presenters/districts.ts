import type { DistrictView } from '@cgt/shared/schemas/districts';

export interface DistrictLean {
  code: string;
  name: string;
  kind: 'district' | 'zone';
  demo?: boolean | null;
  parentCodes?: string[] | null;
  geometry?: string | null;
  bbox?: { minLng?: number | null; minLat?: number | null; maxLng?: number | null; maxLat?: number | null } | null;
  center?: { lat?: number | null; lng?: number | null } | null;
  source?: string | null;
}

export function presentDistrict(d: DistrictLean, withGeometry: boolean): DistrictView {
  const b = d.bbox ?? {};
  const view: DistrictView = {
    code: d.code,
    name: d.name,
    kind: d.kind,
    demo: !!d.demo,
    parentCodes: d.parentCodes ?? [],
    center: { lat: d.center?.lat ?? 0, lng: d.center?.lng ?? 0 },
    bbox: [b.minLng ?? 0, b.minLat ?? 0, b.maxLng ?? 0, b.maxLat ?? 0],
    source: d.source ?? '',
  };
  if (withGeometry && d.geometry) view.geometry = JSON.parse(d.geometry) as Record<string, unknown>;
  return view;
}
