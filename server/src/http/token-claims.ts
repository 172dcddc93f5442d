import { z } from 'zod';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';

/**
 * The claims of our access tokens, validated after the signature and before anything reads them: a token
 * signed with the real secret but built by hand (an object `sub` that would turn into a query operator,
 * no `exp`, a foreign `iss`) is refused with 401 `invalid_token`, never trusted.
 */

export const TOKEN_ISSUER = 'chengguantong';

/** Citizens and staff are MongoDB ObjectIds: 24 hex digits, nothing else. */
const ObjectIdString = z.string().regex(OBJECT_ID_RE);

const base = {
  sub: ObjectIdString,
  iss: z.literal(TOKEN_ISSUER),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
};

export const CitizenClaims = z.object({ ...base, aud: z.literal('citizen') });
export type CitizenClaims = z.infer<typeof CitizenClaims>;

export const StaffClaims = z.object({
  ...base,
  aud: z.literal('staff'),
  /** the session (services/staff-sessions.ts); every staff token carries one */
  sid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** the account's tokenVersion at issue (bumped by a password change, reset or disable) */
  tv: z.number().optional(),
});
export type StaffClaims = z.infer<typeof StaffClaims>;
