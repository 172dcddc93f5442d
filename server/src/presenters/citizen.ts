import type { CitizenLoginResponse } from '@cgt/shared/schemas/auth';

/** A resident's sign-in answer: the token and who they are (never the openid). */
export function presentCitizenLogin(s: { token: string; citizen: { _id: unknown; nickname?: string | null } }): CitizenLoginResponse {
  return { token: s.token, user: { id: String(s.citizen._id), nickname: s.citizen.nickname ?? '' } };
}
