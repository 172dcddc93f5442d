import { gcj02ToWgs84 } from '@cgt/shared/geo/coords';
import { open311Date, OPEN311_SPECIFICATION } from '@cgt/shared/open311/mapping';
import { attributesOf } from '@cgt/shared/open311/service-attributes';
import type { Open311Row } from '../commands/open311/open311-rows.js';
import type { CategoryInfo } from '../services/categories.js';
import { fileUrl } from '../services/uploads.js';

/**
 * Open311 GeoReport v2 shapes. Every value is a string or number (XML is the reference format, JSON
 * its mechanical mapping). Personal data (names, phones, e-mails, openids, device ids) never appears.
 */

export type Open311Value = string | number | boolean | null | undefined | Open311Object | Open311Object[] | string[];
export interface Open311Object {
  [k: string]: Open311Value;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function presentRequest(r: Open311Row, categories: ReadonlyMap<string, CategoryInfo>, origin: string): Open311Object {
  const wgs = gcj02ToWgs84({ lat: r.lat, lng: r.lng });
  return {
    service_request_id: r.trackingNo,
    status: r.status,
    status_notes: r.note,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: r.agency,
    service_notice: categories.get(r.categoryCode)?.notice ?? '',
    requested_datetime: open311Date(r.createdAt),
    updated_datetime: open311Date(r.updatedAt),
    expected_datetime: open311Date(r.dueAt),
    address: r.address,
    address_id: '',
    zipcode: '',
    lat: round6(wgs.lat),
    long: round6(wgs.lng),
    media_url: r.photoId ? `${origin}${fileUrl(r.photoId)}` : (r.mediaUrl ?? ''),
  };
}

export function presentService(c: CategoryInfo): Open311Object {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.notice ? `${c.name}。${c.notice}` : c.name,
    metadata: attributesOf(c.code).length > 0,
    type: 'realtime',
    keywords: [...new Set([c.name, c.groupName.replace(/^(部件|事件)-/, ''), c.code])].join(','),
    group: c.groupName,
  };
}

export function presentServiceDefinition(code: string): Open311Object {
  return {
    service_code: code,
    attributes: attributesOf(code).map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description,
      order: a.order,
      description: a.description,
      ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
    })),
  };
}

export function presentDiscovery(origin: string, changeset: string): Open311Object {
  return {
    changeset,
    contact: '岳阳市城市管理和综合执法局 城管通 12319 / 12345',
    key_service: `${origin}/admin/（管理控制台 → Open311 接入密钥，向管理员申请）`,
    endpoints: [
      {
        specification: OPEN311_SPECIFICATION,
        url: `${origin}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
