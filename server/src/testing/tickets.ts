import { randomBytes, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { signAccessToken, type StaffRole } from '../http/auth.js';
import type { TestServer } from './harness.js';
import { staffSessionToken } from './staff-session-token.js';
import { shanghaiDay } from '../domain/tickets/queue-cells.js';

/** Test fixtures for the ticket routes: residents, staff accounts, photos, reports. Tests only. */

/** Points well inside two county-level divisions (GCJ-02), clear of the demo functional zones. */
export const JUNSHAN = { lat: 29.461106, lng: 113.006435 };
export const YUEYANGLOU = { lat: 29.371814, lng: 113.129684 };
export const JUNSHAN_CODE = '430611';
export const YUEYANGLOU_CODE = '430602';

export async function makeCitizen(t: TestServer, nickname = '市民'): Promise<{ id: string; token: string }> {
  const c = await t.deps.models.Citizen.create({ openid: `test:${randomUUID()}`, source: 'demo', nickname, phone: '13812341234' });
  return { id: String(c._id), token: signAccessToken(t.deps.config.JWT_SECRET, 'citizen', String(c._id)) };
}

export interface StaffFixture {
  id: string;
  token: string;
  displayName: string;
}

export async function makeStaff(
  t: TestServer,
  roles: StaffRole[],
  opts: { districtCodes?: string[]; departmentIds?: string[]; name?: string } = {},
): Promise<StaffFixture> {
  const displayName = opts.name ?? `${roles.join('+')}-${randomBytes(3).toString('hex')}`;
  const u = await t.deps.models.StaffUser.create({
    username: `u_${randomBytes(6).toString('hex')}`,
    displayName,
    passwordHash: 'x',
    roles,
    districtCodes: opts.districtCodes ?? [],
    departmentIds: opts.departmentIds ?? [],
  });
  return { id: String(u._id), token: await staffSessionToken(t.deps, String(u._id)), displayName };
}

/** An Upload document as the uploads route would leave it (no file on disk: tickets only reference it). */
export async function makeUploadDoc(t: TestServer, owner: { kind: 'citizen' | 'staff'; id: string }): Promise<string> {
  const id = randomBytes(16).toString('hex');
  await t.deps.models.Upload.create({
    _id: id,
    ownerKind: owner.kind,
    ownerId: owner.id,
    width: 800,
    height: 600,
    bytes: 1000,
    thumbBytes: 100,
    sha256: randomBytes(32).toString('hex'),
    originalType: 'image/jpeg',
    relPath: `2026/11/${id}.jpg`,
    createdAt: t.deps.now(),
    pendingDay: shanghaiDay(t.deps.now()),
  });
  return id;
}

/** A real JPEG through POST /api/v1/uploads. */
export async function uploadPhoto(t: TestServer, token: string): Promise<{ status: number; body: { id: string; url: string } }> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3080c0' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(t.url + '/api/v1/uploads', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { id: string; url: string } };
}

export function reportBody(over: Record<string, unknown> = {}) {
  return { categoryCode: '06010', description: '路边有一堆暴露垃圾', location: JUNSHAN, address: '君山区某路口', photoIds: [], ...over };
}

export async function fileReport(
  t: TestServer,
  token: string,
  over: Record<string, unknown> = {},
  key: string = randomUUID(),
): Promise<{ status: number; body: any; headers: Headers }> {
  return t.request('POST', '/api/v1/reports', { token, body: reportBody(over), headers: { 'idempotency-key': key } });
}

/** A department of the district/zone by its seeded kind (e.g. 环卫所). */
export async function departmentOf(t: TestServer, districtCode: string, kind?: string): Promise<{ id: string; name: string }> {
  const d = await t.deps.models.Department.findOne(kind ? { districtCode, kind } : { districtCode }).lean();
  if (!d) throw new Error(`no department in ${districtCode}`);
  return { id: String(d._id), name: d.name };
}

export async function act(t: TestServer, token: string, id: string, body: Record<string, unknown>) {
  return t.request('POST', `/api/v1/admin/tickets/${id}/transitions`, { token, body });
}
