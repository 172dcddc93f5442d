/** Every failure the API reports: an HTTP status, a stable snake_case code, a Chinese message, details naming fields. */
export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(400, code, message, details);
export const unauthorized = (message = '请先登录', code = 'unauthorized', details: ErrorDetail[] = []) =>
  new AppError(401, code, message, details);
export const forbidden = (message = '无权执行此操作', code = 'forbidden') => new AppError(403, code, message);
export const notFound = (message = '资源不存在', code = 'not_found') => new AppError(404, code, message);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details: ErrorDetail[] = []) =>
  new AppError(422, code, message, details);
