import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CitizenLoginResponse, DemoLoginRequest, WechatLoginRequest } from '@cgt/shared/schemas/auth';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ipOf } from '../../services/audit.js';
import { code2Session, oauth2AccessToken } from '../../integrations/wechat/client.js';
import { citizenLogin } from '../../commands/auth/citizen-login.js';
import { presentCitizenLogin } from '../../presenters/citizen.js';
import { admitDemoLogin } from '../../services/abuse-limits.js';
import { registerStaffAuthRoutes } from './staff-routes.js';

const TAGS = ['认证'];

export function registerAuthRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/wechat',
    summary: '小程序登录（wx.login code → openid）',
    tags: TAGS,
    auth: 'none',
    body: WechatLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (_ctx, { body, deps }) => presentCitizenLogin(await citizenLogin(deps, await code2Session(deps.config, body.code), 'weapp')),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/wechat-h5',
    summary: '微信内 H5 登录（网页授权 code → openid）',
    tags: TAGS,
    auth: 'none',
    body: WechatLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (_ctx, { body, deps }) => presentCitizenLogin(await citizenLogin(deps, await oauth2AccessToken(deps.config, body.code), 'h5')),
  });

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/auth/demo',
    summary: '演示登录（仅 DEMO_LOGIN=1 时可用）',
    tags: TAGS,
    auth: 'none',
    body: DemoLoginRequest,
    responses: { 200: { description: '登录成功（市民令牌）', schema: CitizenLoginResponse } },
    handler: async (ctx, { body, deps }) => {
      if (!deps.config.DEMO_LOGIN) throw fail('not_found', [], '接口不存在');
      await admitDemoLogin(deps, ipOf(ctx));
      return presentCitizenLogin(await citizenLogin(deps, { openid: `demo:${body.nickname}`, nickname: body.nickname }, 'demo'));
    },
  });

  registerStaffAuthRoutes(router, registry, deps);
}
