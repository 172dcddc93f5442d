import type { MapBaseResponse, MapConfigResponse, TicketMapQuery, TicketMapResponse } from '@cgt/shared/schemas/map';
import { http } from './request';

/** GET /map/config and /map/base: the tile provider and our own outlines (cached for the session). */
let config: Promise<MapConfigResponse> | null = null;
let base: Promise<MapBaseResponse> | null = null;

export function mapConfig(): Promise<MapConfigResponse> {
  config ??= http.get<MapConfigResponse>('/map/config').catch((e: unknown) => {
    config = null;
    throw e;
  });
  return config;
}

export function mapBase(): Promise<MapBaseResponse> {
  base ??= http.get<MapBaseResponse>('/map/base').catch((e: unknown) => {
    base = null;
    throw e;
  });
  return base;
}

export type TicketMapFilters = { [K in keyof TicketMapQuery]?: K extends 'overdue' ? boolean : string };

/** GET /admin/map/tickets: the open tickets of the caller's scope, capped, the most urgent first. */
export function ticketMarkers(f: TicketMapFilters): Promise<TicketMapResponse> {
  return http.get<TicketMapResponse>('/admin/map/tickets', {
    status: f.status,
    districtCode: f.districtCode,
    categoryCode: f.categoryCode,
    overdue: f.overdue === undefined ? undefined : f.overdue ? '1' : '0',
  });
}
