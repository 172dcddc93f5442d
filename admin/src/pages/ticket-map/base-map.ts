import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { gcj02ToWgs84, toGcj02, type LatLng } from '@cgt/shared/geo/coords';
import type { MapBaseResponse, MapConfigResponse } from '@cgt/shared/schemas/map';

/**
 * A Leaflet map over our own district/zone outlines (always there, offline) and the operator's tiles
 * when configured. Data is GCJ-02; over WGS-84 tiles (天地图) everything is drawn in WGS-84.
 */
export function createBaseMap(el: HTMLElement, config: MapConfigResponse, base: MapBaseResponse | null) {
  const wgs = config.tiles?.datum === 'wgs84';
  const toView = (p: LatLng): L.LatLngTuple => {
    const v = wgs ? gcj02ToWgs84(p) : p;
    return [v.lat, v.lng];
  };
  const fromView = (p: L.LatLng): LatLng => (wgs ? toGcj02({ lat: p.lat, lng: p.lng }, 'wgs84') : { lat: p.lat, lng: p.lng });
  const map = L.map(el, { center: toView(config.center), zoom: 10, minZoom: 7, maxZoom: config.tiles?.maxZoom ?? 18, attributionControl: !!config.tiles?.attribution });
  if (config.tiles) {
    L.tileLayer(config.tiles.urlTemplate, {
      subdomains: config.tiles.subdomains.length ? config.tiles.subdomains : 'abc',
      attribution: config.tiles.attribution,
      maxZoom: config.tiles.maxZoom,
    }).addTo(map);
  }
  const outlines = L.featureGroup();
  if (base) {
    for (const a of base.areas) {
      const latlngs = a.polygons.map((rings) => rings.map((ring) => ring.map(([lng, lat]) => toView({ lat, lng }))));
      L.polygon(
        latlngs,
        a.kind === 'district'
          ? { color: '#1677ff', weight: 1.5, fillColor: '#e6f0ff', fillOpacity: config.tiles ? 0.1 : 0.45, interactive: false }
          : { color: '#fa8c16', weight: 1, dashArray: '4 4', fill: false, interactive: false },
      ).addTo(outlines);
      L.marker(toView(a.label), {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: `tmap__label tmap__label--${a.kind}`, html: escapeHtml(a.name), iconSize: undefined }),
      }).addTo(outlines);
    }
    outlines.addTo(map);
  }
  return { map, toView, fromView, outlines };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
