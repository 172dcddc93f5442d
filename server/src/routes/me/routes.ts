import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { DeleteAccountResponse, MyDataExport } from '@cgt/shared/schemas/me';
import type { AppDeps } from '../../deps.js';
import type { CitizenPrincipal } from '../../http/auth.js';
import { defineRoute } from '../../http/route.js';
import { exportMyData } from '../../presenters/my-data.js';
import { deleteAccount } from '../../commands/me/delete-account.js';
import { ipOf } from '../../services/audit.js';
import { auditPersonalDataRead, PERSONAL_DATA_READS } from '../../services/personal-data-audit.js';

/** The resident's rights over their own data (个人信息保护法 第45、47条): a copy, and deletion. */
export function registerMeRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'get',
    path: '/api/v1/me/export',
    summary: '导出我的数据（JSON 文件：账号资料、我的上报、我的信访件、订阅消息设置；身份证号脱敏）',
    tags: ['我的'],
    auth: 'citizen',
    responses: { 200: { description: '我的数据', schema: MyDataExport } },
    handler: async (ctx, { principal, deps }) => {
      const me = principal as CitizenPrincipal;
      const data = await exportMyData(deps, me.userId);
      await auditPersonalDataRead(ctx, deps, principal, {
        action: PERSONAL_DATA_READS.export,
        targetType: 'citizen',
        targetId: me.userId,
        details: { reports: data.reports.length, complaints: data.complaints.length },
      });
      ctx.set('Content-Disposition', `attachment; filename="my-data-${data.exportedAt.slice(0, 10)}.json"`);
      ctx.set('Cache-Control', 'no-store');
      return data;
    },
  });

  defineRoute(router, registry, deps, {
    method: 'delete',
    path: '/api/v1/me',
    summary: '注销账号（删除账号与订阅设置；上报和信访件作为档案保留，但不再关联任何账号、删除联系电话；再次登录为新账号）',
    tags: ['我的'],
    auth: 'citizen',
    responses: { 200: { description: '已注销', schema: DeleteAccountResponse } },
    handler: async (ctx, { principal, deps }) => {
      const me = principal as CitizenPrincipal;
      const r = await deleteAccount(deps, me.userId, ipOf(ctx));
      return { deleted: true as const, ...r };
    },
  });
}
