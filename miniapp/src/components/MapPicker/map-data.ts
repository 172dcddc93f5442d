/** The map's data from the server: tile provider and offline vector base, fetched once per page load. */
import { request } from '../../services/request'
import type { MapBaseResponse, MapConfigResponse } from '@cgt/shared/schemas/map'

let config: Promise<MapConfigResponse> | null = null
let base: Promise<MapBaseResponse> | null = null

export function mapConfig(): Promise<MapConfigResponse> {
  config ??= request<MapConfigResponse>({ url: '/api/v1/map/config' }).catch((e) => {
    config = null
    throw e
  })
  return config
}

export function mapBase(): Promise<MapBaseResponse> {
  base ??= request<MapBaseResponse>({ url: '/api/v1/map/base' }).catch((e) => {
    base = null
    throw e
  })
  return base
}
