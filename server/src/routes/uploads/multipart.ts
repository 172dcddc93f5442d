import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, fail } from '../../http/errors.js';

/**
 * Reads exactly one file part named `file` from a multipart/form-data request into memory, never more
 * than maxBytes: the moment the limit is crossed the request is unpiped and the 413 is thrown; nothing
 * has been written anywhere. (The JSON body parser skips multipart, so the raw stream is still unread.)
 */

/** room for boundaries and part headers on top of the file itself */
const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  fail('payload_too_large', [
    { field: 'file', message: `文件大小超过上限 ${maxBytes} 字节` },
  ], `图片不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
const fileError = (message: string) => fail('validation_failed', [{ field: 'file', message }], `参数 file 无效：${message}`);

export async function readSingleFile(ctx: Context, maxBytes: number): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) {
    throw fail('unsupported_media_type', [
      { field: 'file', message: '请求类型必须是 multipart/form-data' },
    ], '请以 multipart/form-data 上传图片（字段 file）');
  }
  const declared = Number(ctx.get('content-length'));
  // an honest Content-Length already tells us: refuse before reading a byte
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) {
    ctx.set('Connection', 'close');
    throw tooLarge(maxBytes);
  }

  const req = ctx.req;
  return await new Promise<Buffer>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 21, fieldSize: 1024 } });
    } catch {
      reject(fileError('multipart 请求格式错误'));
      return;
    }
    const chunks: Buffer[] = [];
    let gotFile = false;
    let settled = false;
    let failure: AppError | null = null;

    const fail = (err: AppError) => {
      if (settled) return;
      settled = true;
      failure = err;
      chunks.length = 0;
      req.unpipe(bb);
      // the rest of the body is not read into memory; Node discards it and closes the connection after the reply
      ctx.set('Connection', 'close');
      reject(err);
    };

    bb.on('file', (name, stream) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      gotFile = true;
      stream.on('data', (chunk: Buffer) => {
        if (!failure) chunks.push(chunk);
      });
      stream.on('limit', () => fail(tooLarge(maxBytes)));
    });
    bb.on('filesLimit', () => fail(fileError('一次只能上传一个文件')));
    bb.on('partsLimit', () => fail(fileError('表单字段过多')));
    bb.on('fieldsLimit', () => fail(fileError('表单字段过多')));
    bb.on('error', () => fail(fileError('multipart 请求格式错误')));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      if (!gotFile) reject(fileError('请选择要上传的图片（字段 file）'));
      else resolve(Buffer.concat(chunks));
    });
    req.on('aborted', () => fail(fileError('上传被中断')));
    req.pipe(bb);
  });
}
