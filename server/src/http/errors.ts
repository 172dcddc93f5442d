import { ERROR_CODES, type ErrorCode, type ErrorDetail } from '@cgt/shared/errors/codes';

/** Every failure the API reports: an HTTP status, a stable snake_case code, a Chinese message, details naming fields. */
export type { ErrorCode, ErrorDetail };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The way to report a failure: status and default Chinese message come from the shared catalogue, so a code
 * always answers with the same status whoever throws it. `messageOverride` says the specific case in Chinese.
 */
export function fail(code: ErrorCode, details: ErrorDetail[] = [], messageOverride?: string, headers: Record<string, string> = {}): AppError {
  const entry = ERROR_CODES[code];
  return new AppError(entry.status, code, messageOverride ?? entry.message, details, headers);
}
