/** 找车位 / 找厕所 calls (public: no login needed). All go through services/request.ts. */
import type { ParkingNearbyResponse } from '@cgt/shared/schemas/parking'
import type { ToiletNearbyResponse } from '@cgt/shared/schemas/toilets'
import { request } from '../../services/request'
import type { SketchDistrict } from './sketch'

export type { ParkingNearbyResponse, ToiletNearbyResponse }
export type CarParkItem = ParkingNearbyResponse['items'][number]
export type ToiletItem = ToiletNearbyResponse['items'][number]

export const NEARBY_RADIUS = 3000
export const NEARBY_LIMIT = 30

export function fetchNearbyParking(p: { lat: number; lng: number; hasFree?: boolean }) {
  return request<ParkingNearbyResponse>({
    url: '/api/v1/parking/nearby',
    query: { lat: p.lat, lng: p.lng, coordSys: 'gcj02', radius: NEARBY_RADIUS, limit: NEARBY_LIMIT, hasFree: p.hasFree ? 'true' : undefined },
    auth: false,
  })
}

export function fetchNearbyToilets(p: { lat: number; lng: number; openNow?: boolean; accessible?: boolean; babyRoom?: boolean }) {
  return request<ToiletNearbyResponse>({
    url: '/api/v1/toilets/nearby',
    query: {
      lat: p.lat,
      lng: p.lng,
      coordSys: 'gcj02',
      radius: NEARBY_RADIUS,
      limit: NEARBY_LIMIT,
      openNow: p.openNow ? 'true' : undefined,
      accessible: p.accessible ? 'true' : undefined,
      babyRoom: p.babyRoom ? 'true' : undefined,
    },
    auth: false,
  })
}

let districtCache: Promise<SketchDistrict[]> | null = null

/** District outlines for the H5 sketch: fetched once per app session (a failure is not cached). */
export function fetchDistrictOutlines(): Promise<SketchDistrict[]> {
  if (!districtCache) {
    districtCache = request<{ items: SketchDistrict[] }>({
      url: '/api/v1/districts',
      query: { withGeometry: 1, kind: 'district' },
      auth: false,
    }).then((r) => r.items ?? [])
    districtCache.catch(() => {
      districtCache = null
    })
  }
  return districtCache
}
