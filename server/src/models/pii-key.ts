import { Schema } from 'mongoose';

/**
 * The PII key registry (services/pii-keys.ts), a handful of documents read by _id or whole:
 * - `index`: the blind-index key of the ID numbers (32 random bytes), wrapped (AES-GCM) under a PII key —
 *   `wrapped` names that key's id. Rotation re-wraps it; its value never changes, so neither do the indexes.
 * - `kid:<id>`: a PII key id some stored ciphertext is (or may still be) under. Start-up refuses to run when
 *   one of these has no key in the configured ring; rotation deletes an entry once no value is under it.
 */
export const piiKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['index', 'kid'], required: true },
    kid: { type: String, required: true },
    wrapped: { type: String },
    at: { type: Date, required: true },
  },
  { collection: 'pii_keys', versionKey: false },
);

export interface PiiKeyEntry {
  _id: string;
  kind: 'index' | 'kid';
  kid: string;
  wrapped?: string;
  at: Date;
}
