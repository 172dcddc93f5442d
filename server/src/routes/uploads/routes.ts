import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { UploadRefSchema, UPLOAD_MAX_PIXELS } from '@cgt/shared/schemas/uploads';
import type { AppDeps } from '../../deps.js';
import { AppError, fail } from '../../http/errors.js';
import { defineRoute } from '../../http/route.js';
import { ImageRejected, processImage, type ImageRejection } from '../../domain/images/process.js';
import { absPath, thumbRelPath } from '../../domain/images/storage.js';
import { UPLOAD_ID_RE, uploadRef } from '../../services/uploads.js';
import { readSingleFile } from './multipart.js';
import { SlidingWindowLimiter } from '../../services/sliding-window-limiter.js';
import { saveUpload } from '../../commands/uploads/save-upload.js';
import { assertMayReadFile } from '../../policies/files.js';

const RATE_WINDOW_MS = 10 * 60 * 1000;

function rejectionError(r: ImageRejection): AppError {
  switch (r.reason) {
    case 'unsupported_type':
      return fail('unsupported_media_type', [
        { field: 'file', message: r.detected ? `检测到的类型为 ${r.detected}` : '无法识别的文件类型' },
      ]);
    case 'too_many_pixels':
      return fail('image_too_large', [
        { field: 'file', message: `图片尺寸 ${r.width}×${r.height} 超过上限`, width: r.width, height: r.height },
      ], `图片像素过大（上限 ${UPLOAD_MAX_PIXELS / 1_000_000} 百万像素）`);
    case 'invalid_image':
      return fail('invalid_image', [{ field: 'file', message: '无法解码图片' }], '图片已损坏或不完整，请重新选择');
  }
}

/**
 * At most two images are decoded at a time per process: decoding is CPU- and memory-heavy (up to
 * 40 MP × 4 bytes), and the API's other requests must stay responsive while photos arrive.
 */
let active = 0;
const waiting: Array<() => void> = [];
async function withDecodeSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await fn();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const FileParams = z.object({ id: z.string().max(64) });
/** the short-lived signature of a 信访 attachment's URL (domain/images/signed-file-url.ts) */
const FileQuery = z.object({ exp: z.string().max(16).optional(), sig: z.string().max(64).optional() });

export function registerUploadRoutes(router: Router, registry: OpenAPIRegistry, deps: AppDeps): void {
  const limiter = new SlidingWindowLimiter(deps.config.UPLOAD_RATE_PER_10MIN, RATE_WINDOW_MS);

  defineRoute(router, registry, deps, {
    method: 'post',
    path: '/api/v1/uploads',
    summary: '上传照片（JPEG/PNG/WebP，≤10 MB，≤40 百万像素；去除全部元数据并重新编码为 JPEG）',
    tags: ['照片'],
    auth: 'any',
    rawBody: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ file: z.string().meta({ format: 'binary', description: '图片文件（按文件内容识别类型）' }) }),
          },
        },
      },
    },
    responses: {
      201: { description: '已保存；url/thumbnailUrl 可直接用于 <img>（编号为 128 位随机数，无需令牌）', schema: UploadRefSchema },
      413: { description: '超过大小上限 payload_too_large' },
      415: { description: '不是 JPEG/PNG/WebP unsupported_media_type' },
      422: { description: 'image_too_large 或 invalid_image' },
      429: { description: '上传过于频繁 rate_limited' },
    },
    handler: async (ctx, { principal, deps }) => {
      const owner = { kind: principal!.kind, id: principal!.userId };
      // counted before the body is read, so failed attempts cost the attacker quota too
      const retryAfter = limiter.take(`${owner.kind}:${owner.id}`, deps.now().getTime());
      if (retryAfter > 0) {
        ctx.set('Connection', 'close');
        throw fail('rate_limited', [{ message: `请在 ${retryAfter} 秒后重试` }], '上传过于频繁，请稍后再试', {
          'Retry-After': String(retryAfter),
        });
      }
      const input = await readSingleFile(ctx, deps.config.UPLOAD_MAX_BYTES);
      if (input.length === 0) throw fail('validation_failed', [{ field: 'file', message: '文件为空' }], '参数 file 无效：文件为空');
      let image;
      try {
        image = await withDecodeSlot(() => processImage(input));
      } catch (err) {
        if (err instanceof ImageRejected) throw rejectionError(err.rejection);
        throw err;
      }
      const doc = await saveUpload(deps, owner, image);
      ctx.status = 201;
      return uploadRef(doc);
    },
  });

  for (const variant of ['main', 'thumb'] as const) {
    defineRoute(router, registry, deps, {
      method: 'get',
      path: variant === 'main' ? '/api/v1/files/:id' : '/api/v1/files/:id/thumb',
      summary: variant === 'main' ? '照片（≤1600 px JPEG，无元数据）' : '缩略图（≤320 px JPEG）',
      tags: ['照片'],
      // no token for ticket photos: the 128-bit random id is the capability, so the URL works in <img>, the
      // mini-program and Open311's media_url; 信访 attachments need a token or a signed URL (policies/files.ts)
      auth: 'none',
      params: FileParams,
      query: FileQuery,
      responses: {
        200: { description: 'image/jpeg' },
        401: { description: '信访附件：未登录且链接未签名或已过期' },
        404: { description: '不存在或已删除（或无权查看的信访附件）' },
      },
      handler: async (ctx, { params, deps }) => {
        if (!UPLOAD_ID_RE.test(params.id)) throw fail('not_found', [], '照片不存在');
        const doc = await deps.models.Upload.findById(params.id, { relPath: 1, attachedTo: 1 }).lean();
        if (!doc) throw fail('not_found', [], '照片不存在');
        const isPrivate = await assertMayReadFile(ctx, deps, { _id: params.id, attachedTo: doc.attachedTo }, variant);
        const file = absPath(deps.config.DATA_DIR, variant === 'main' ? doc.relPath : thumbRelPath(doc.relPath));
        const st = await stat(file).catch(() => null);
        if (!st?.isFile()) throw fail('not_found', [], '照片不存在');
        ctx.type = 'image/jpeg';
        ctx.length = st.size;
        // content never changes under an id, so caches may keep it; private: it can show a resident's surroundings.
        // A 信访 attachment only as long as its signed URL lives, and never in a shared cache
        ctx.set('Cache-Control', isPrivate ? 'private, max-age=600' : 'private, max-age=31536000, immutable');
        ctx.set('X-Content-Type-Options', 'nosniff');
        ctx.set('Content-Disposition', 'inline');
        ctx.body = createReadStream(file);
        return undefined;
      },
    });
  }
}
