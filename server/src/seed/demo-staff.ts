import { hash } from '@node-rs/argon2';
import type { Models } from '../models/index.js';
import type { StaffRole } from '../http/auth.js';
import { ARGON2_OPTIONS } from './initial-admin.js';

/** Shown on the console login page only in demo mode; never used when DEMO_DATA is off. */
export const DEMO_PASSWORD = 'Demo@2026!';

interface DemoAccount {
  username: string;
  displayName: string;
  roles: StaffRole[];
  districtCodes: string[];
  /** department chosen by district code + kind substring at load time (ids differ per database) */
  department?: { districtCode: string; kind: RegExp };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'zhihui', displayName: '市指挥中心·值班调度员', roles: ['dispatcher'], districtCodes: [] },
  { username: 'junshan.zhihui', displayName: '君山区指挥分中心·调度员', roles: ['dispatcher'], districtCodes: ['430611'] },
  { username: 'junshan.zhongdui', displayName: '君山区执法中队·处置员', roles: ['handler'], districtCodes: ['430611'], department: { districtCode: '430611', kind: /执法/ } },
  { username: 'junshan.huanwei', displayName: '君山区环卫所·处置员', roles: ['handler'], districtCodes: ['430611'], department: { districtCode: '430611', kind: /环卫/ } },
  { username: 'yyl.zhongdui', displayName: '岳阳楼区执法中队·处置员', roles: ['handler'], districtCodes: ['430602'], department: { districtCode: '430602', kind: /执法/ } },
  { username: 'shouli', displayName: '市指挥中心·受理员', roles: ['intake'], districtCodes: [] },
  { username: 'xinfang', displayName: '信访办·经办人', roles: ['complaint_officer'], districtCodes: [] },
  { username: 'lingdao', displayName: '局领导（只读）', roles: ['viewer'], districtCodes: [] },
];

/** Demo staff for `npm start` (DEMO_DATA=1): one per role, so every screen can be tried. Idempotent by username. */
export async function ensureDemoStaff(models: Models): Promise<string[]> {
  const created: string[] = [];
  const passwordHash = await hash(DEMO_PASSWORD, ARGON2_OPTIONS);
  for (const a of DEMO_ACCOUNTS) {
    if (await models.StaffUser.exists({ username: a.username })) continue;
    let departmentIds: string[] = [];
    if (a.department) {
      const deps = await models.Department.find({ districtCode: a.department.districtCode }).lean();
      const match = deps.find((d) => a.department!.kind.test(`${d.kind} ${d.name}`)) ?? deps[0];
      if (!match) continue; // no department seeded for that district: skip rather than create a broken handler
      departmentIds = [String(match._id)];
    }
    await models.StaffUser.create({
      username: a.username,
      displayName: a.displayName,
      passwordHash,
      roles: a.roles,
      districtCodes: a.districtCodes,
      departmentIds,
    });
    created.push(a.username);
  }
  return created;
}
