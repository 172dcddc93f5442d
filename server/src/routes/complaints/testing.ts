import { randomBytes, randomUUID } from 'node:crypto';
import { signAccessToken, type StaffRole } from '../../http/auth.js';
import type { TestServer } from '../../testing/harness.js';

/** Test fixtures for the 信访 routes (tests only). */

export const ID_A = '430602198503121237';
export const ID_B = '11010519491231002X';

export async function makeResident(t: TestServer): Promise<{ id: string; token: string }> {
  const c = await t.deps.models.Citizen.create({ openid: `test:${randomUUID()}`, source: 'demo', nickname: '市民', phone: '13812341234' });
  return { id: String(c._id), token: signAccessToken(t.deps.config.JWT_SECRET, 'citizen', String(c._id)) };
}

export async function makeOfficer(t: TestServer, roles: StaffRole[] = ['complaint_officer'], o: { name?: string; districtCodes?: string[] } = {}) {
  const displayName = o.name ?? `${roles.join('+')}-${randomBytes(3).toString('hex')}`;
  const u = await t.deps.models.StaffUser.create({
    username: `u_${randomBytes(6).toString('hex')}`,
    displayName,
    passwordHash: 'x',
    roles,
    districtCodes: o.districtCodes ?? [],
    departmentIds: [],
  });
  return { id: String(u._id), displayName, token: signAccessToken(t.deps.config.JWT_SECRET, 'staff', String(u._id), { tv: 0 }) };
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

/** An Upload document as the uploads route would leave it. */
export async function makeUpload(t: TestServer, owner: { kind: 'citizen' | 'staff'; id: string }): Promise<string> {
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
  });
  return id;
}

export const CONCLUDE = { reply: '经调查，该烧烤摊已依法取缔。', decision: 'support', basis: '《岳阳市城市管理条例》第二十条' };
