/**
 * H5 only (loaded with a dynamic import so neither Leaflet nor this file reaches the weapp bundle): a
 * Leaflet map whose base is always there — our district/zone outlines as vector shapes with labels — with
 * the operator's raster tiles underneath when configured. Positions in and out are GCJ-02; when the tiles
 * are WGS-84 (天地图) everything is drawn in WGS-84 so the outlines sit on the tiles.
 */
import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import './leaflet-map.scss'
import { gcj02ToWgs84, toGcj02, type LatLng } from '@cgt/shared/geo/coords'
import type { MapBaseResponse, MapConfigResponse } from '@cgt/shared/schemas/map'

export interface BaseMap {
  map: L.Map
  toView(p: LatLng): L.LatLngExpression
  fromView(p: L.LatLng): LatLng
  destroy(): void
}

export function createBaseMap(el: HTMLElement, config: MapConfigResponse, base: MapBaseResponse | null, opts: { center: LatLng; zoom: number; interactive?: boolean }): BaseMap {
  const wgs = config.tiles?.datum === 'wgs84'
  const toView = (p: LatLng): L.LatLngExpression => {
    const v = wgs ? gcj02ToWgs84(p) : p
    return [v.lat, v.lng]
  }
  const fromView = (p: L.LatLng): LatLng => (wgs ? toGcj02({ lat: p.lat, lng: p.lng }, 'wgs84') : { lat: p.lat, lng: p.lng })
  const interactive = opts.interactive !== false
  const map = L.map(el, {
    center: toView(opts.center),
    zoom: opts.zoom,
    minZoom: 7,
    maxZoom: config.tiles?.maxZoom ?? 18,
    zoomControl: interactive,
    dragging: interactive,
    scrollWheelZoom: interactive,
    doubleClickZoom: interactive,
    touchZoom: interactive,
    boxZoom: false,
    keyboard: false,
    attributionControl: !!config.tiles?.attribution,
  })
  el.classList.add('cgt-map')
  map.attributionControl?.setPrefix('Leaflet')
  if (config.tiles) {
    L.tileLayer(config.tiles.urlTemplate, {
      subdomains: config.tiles.subdomains.length ? config.tiles.subdomains : 'abc',
      attribution: config.tiles.attribution,
      maxZoom: config.tiles.maxZoom,
      className: 'cgt-map__tiles',
    }).addTo(map)
  }
  if (base) drawBase(map, base, toView)
  return { map, toView, fromView, destroy: () => map.remove() }
}

function drawBase(map: L.Map, base: MapBaseResponse, toView: (p: LatLng) => L.LatLngExpression) {
  const areas = L.featureGroup().addTo(map)
  for (const a of base.areas) {
    const latlngs = a.polygons.map((rings) => rings.map((ring) => ring.map(([lng, lat]) => toView({ lat, lng }))))
    const style: L.PathOptions =
      a.kind === 'district'
        ? { color: '#1d63d8', weight: 1.5, fillColor: '#e8f0fd', fillOpacity: 0.35, interactive: false }
        : { color: '#d97706', weight: 1, dashArray: '4 4', fill: false, interactive: false }
    L.polygon(latlngs as L.LatLngExpression[][][], style).addTo(areas)
    L.marker(toView(a.label), {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: `cgt-map__label cgt-map__label--${a.kind}`, html: escapeHtml(a.name), iconSize: undefined }),
    }).addTo(areas)
  }
  for (const s of base.streets) {
    if (!s.center) continue
    L.marker(toView(s.center), {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: 'cgt-map__label cgt-map__label--street', html: escapeHtml(s.name), iconSize: undefined }),
    }).addTo(areas)
  }
}

/** A pin drawn in CSS (no image files to resolve). */
export function pinIcon(): L.DivIcon {
  return L.divIcon({ className: 'cgt-map__pin', html: '<span class="cgt-map__pin-head"></span>', iconSize: [28, 36], iconAnchor: [14, 36] })
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export { L }
