import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../http/auth.js';
import type { TestServer } from './harness.js';
import { makeCitizen, makeStaff, makeUploadDoc } from './tickets.js';

/** Test fixtures for the 信访 routes (tests only). */

export const ID_A = '430602198503121237';
export const ID_B = '11010519491231002X';

export async function makeResident(t: TestServer): Promise<{ id: string; token: string }> {
  return makeCitizen(t);
}

export async function makeOfficer(t: TestServer, roles: StaffRole[] = ['complaint_officer'], o: { name?: string; districtCodes?: string[] } = {}) {
  return makeStaff(t, roles, o);
}

export function complaintBody(over: Record<string, unknown> = {}) {
  return {
    type: 'appeal',
    content: '小区门口烧烤摊每晚营业到凌晨两点，油烟和噪音扰民严重',
    request: '取缔小区门口的夜间烧烤摊',
    facts: '已向物业反映多次无果',
    petitioner: { name: '王建国', idNumber: ID_A, phone: '13912345678', address: '岳阳楼区某小区 3 栋' },
    ...over,
  };
}

export async function fileComplaint(t: TestServer, token: string, over: Record<string, unknown> = {}, key: string = randomUUID()) {
  return t.request('POST', '/api/v1/complaints', { token, body: complaintBody(over), headers: { 'idempotency-key': key } });
}

export async function staffAct(t: TestServer, token: string, id: string, body: Record<string, unknown>) {
  return t.request('POST', `/api/v1/admin/complaints/${id}/actions`, { token, body });
}

/**
 * Removes every case and its read side (rows, open set, counts): test setup between scenarios, no race.
 * Through the driver's own collections, not the models: a whole-collection delete is setup, not a query
 * of the server, so the harness's index-plan guard need not see it.
 */
export async function clearComplaints(t: TestServer): Promise<void> {
  const db = t.deps.connection.db!;
  await Promise.all(['complaints', 'complaint_rows', 'complaint_open', 'complaint_counts'].map((c) => db.collection(c).deleteMany({})));
}

/** How many cases are stored (a test's assertion on the source itself, through the driver like clearComplaints). */
export async function countStored(t: TestServer, filter: Record<string, unknown> = {}): Promise<number> {
  return t.deps.connection.db!.collection('complaints').countDocuments(filter);
}

/** An Upload document as the uploads route would leave it. */
export const makeUpload = makeUploadDoc;

export const CONCLUDE = { reply: '经调查，该烧烤摊已依法取缔。', decision: 'support', basis: '《岳阳市城市管理条例》第二十条' };
