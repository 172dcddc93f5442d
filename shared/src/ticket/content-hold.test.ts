import { describe, expect, it } from 'vitest';
import { mayReleaseContent, withoutHeldActions } from './content-hold';

describe('content hold (待审核)', () => {
  it('a held ticket keeps only the actions that do not move it towards a department', () => {
    expect(withoutHeldActions(['accept', 'reject', 'dispatch', 'transfer'], true)).toEqual(['reject']);
    expect(withoutHeldActions(['accept', 'reject'], false)).toEqual(['accept', 'reject']);
  });
  it('dispatchers and admins release; handlers and leaders do not', () => {
    expect(mayReleaseContent(['dispatcher'])).toBe(true);
    expect(mayReleaseContent(['admin'])).toBe(true);
    expect(mayReleaseContent(['handler', 'viewer'])).toBe(false);
  });
});
