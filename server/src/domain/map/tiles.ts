import type { MapConfigResponse, TileDatum } from '@cgt/shared/schemas/map';

export interface TileSettings {
  MAP_TILE_URL?: string;
  MAP_TILE_KEY: string;
  MAP_TILE_DATUM: TileDatum;
  MAP_TILE_SUBDOMAINS: string;
  MAP_TILE_ATTRIBUTION: string;
  MAP_TILE_MAX_ZOOM: number;
}

/** Central 岳阳 (GCJ-02): where a map opens with no point chosen yet. */
export const CITY_CENTER = { lat: 29.3575, lng: 113.129 } as const;

/** The operator's tile provider as the clients need it, the key filled in; null when none is configured. */
export function tileConfig(s: TileSettings): MapConfigResponse['tiles'] {
  if (!s.MAP_TILE_URL) return null;
  return {
    urlTemplate: s.MAP_TILE_URL.replaceAll('{key}', encodeURIComponent(s.MAP_TILE_KEY)),
    subdomains: s.MAP_TILE_SUBDOMAINS.split(',').map((x) => x.trim()).filter(Boolean),
    datum: s.MAP_TILE_DATUM,
    attribution: s.MAP_TILE_ATTRIBUTION,
    maxZoom: s.MAP_TILE_MAX_ZOOM,
  };
}

/**
 * The CSP img-src source that admits the provider's tiles: its origin, with a {s} subdomain as a
 * wildcard label. A same-origin template needs nothing ('self' covers it); a host with other placeholders
 * falls back to its scheme.
 */
export function tileImageSource(template: string | undefined): string | null {
  if (!template || template.startsWith('/')) return null;
  const m = /^(https?):\/\/([^/]+)/.exec(template);
  if (!m) return null;
  const host = m[2]!.replace(/^\{s\}\./, '*.');
  if (/[{}\s;,']/.test(host)) return `${m[1]}:`;
  return `${m[1]}://${host}`;
}
