import { Schema } from 'mongoose';

/**
 * The WeChat access token (cgi-bin/stable_token), shared by every server process: one document per appid,
 * `_id = access_token:<appid>`, read by _id. Only the process that won the refresh claim writes it
 * (integrations/wechat/access-token.ts), so a plain $set is enough. The token is a secret: never returned
 * by an API, never logged.
 */
export const wechatTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    token: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    /** when it was fetched: names the refresh claim, so everyone who saw this token races for one claim */
    fetchedAt: { type: Date, required: true },
    /** fetched with force_refresh (after a 40001 answer) */
    forced: { type: Boolean, default: false },
  },
  { collection: 'wechat_tokens', versionKey: false },
);

