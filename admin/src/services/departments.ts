import { http } from './request';
import type { Department } from './types';

/** GET /admin/departments?districtCode= → {items:[{id,name,districtCode,zoneId?}]}. */
export async function listDepartments(districtCode?: string): Promise<Department[]> {
  const res = await http.get<{ items: Department[] }>('/admin/departments', { districtCode });
  return res.items;
}
