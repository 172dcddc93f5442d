import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_CODE_LIST, errorBody, errorMessage, errorStatus, isErrorCode, type ErrorCode } from './codes';

describe('error catalogue', () => {
  it.each([
    ['validation_failed', 400],
    ['idempotency_key_required', 400],
    ['unauthorized', 401],
    ['wechat_login_failed', 401],
    ['invalid_credentials', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['invalid_transition', 409],
    ['conflict', 409],
    ['idempotency_key_reused', 422],
    ['outside_jurisdiction', 422],
    ['image_too_large', 422],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['account_locked', 423],
    ['rate_limited', 429],
    ['internal_error', 500],
    ['db_unavailable', 503],
  ] as [ErrorCode, number][])('%s → %i', (code, status) => {
    expect(errorStatus(code)).toBe(status);
  });

  it('every code is snake_case with a Chinese message and an error status', () => {
    for (const code of ERROR_CODE_LIST) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(errorMessage(code)).toMatch(/[\u4e00-\u9fa5]/);
      expect(ERROR_CODES[code].status).toBeGreaterThanOrEqual(400);
      expect(ERROR_CODES[code].status).toBeLessThan(600);
    }
  });

  it('isErrorCode', () => {
    expect(isErrorCode('conflict')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(409)).toBe(false);
  });

  it('errorBody uses the default message unless given one', () => {
    expect(errorBody('not_found')).toEqual({ error: { code: 'not_found', message: '资源不存在', details: [] } });
    expect(errorBody('validation_failed', '描述不能为空', [{ field: 'description', message: '必填' }])).toEqual({
      error: { code: 'validation_failed', message: '描述不能为空', details: [{ field: 'description', message: '必填' }] },
    });
  });
});
