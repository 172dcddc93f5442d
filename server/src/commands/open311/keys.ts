import { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { OBJECT_ID_RE } from '@cgt/shared/schemas/common';
import type { CreateOpen311KeyRequest, Open311KeyView, Open311Operation } from '@cgt/shared/schemas/open311';
import type { AppDeps } from '../../deps.js';
import { fail } from '../../http/errors.js';
import { apiKeyMatches, hashApiKey } from '../../services/operator-api-key.js';
import { recordAudit, type AuditActor } from '../../services/audit.js';

/**
 * Open311 API keys: `cgto_<key id>_<43 chars = 32 random bytes>`, only the SHA-256 stored (a fast hash is
 * right for 256 random bits, see services/operator-api-key.ts). Created, listed and revoked by admins;
 * checked on every Open311 call by one _id read.
 */
const KEY = /^cgto_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

export interface Open311Client {
  id: string;
  name: string;
  operations: Open311Operation[];
  rateLimitPerMinute: number;
}

interface KeyLean {
  _id: Types.ObjectId;
  name: string;
  contact: string;
  operations?: string[] | null;
  rateLimitPerMinute: number;
  keyHash: string;
  keyPrefix: string;
  active?: boolean | null;
  createdAt: Date;
  revokedAt?: Date | null;
}

export function presentKey(k: KeyLean): Open311KeyView {
  return {
    id: String(k._id),
    name: k.name,
    contact: k.contact,
    operations: (k.operations ?? []) as Open311Operation[],
    rateLimitPerMinute: k.rateLimitPerMinute,
    keyPrefix: k.keyPrefix,
    active: k.active !== false,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt ? k.revokedAt.toISOString() : undefined,
  };
}

export async function createOpen311Key(deps: AppDeps, actor: AuditActor, ip: string, body: CreateOpen311KeyRequest): Promise<Open311KeyView & { key: string }> {
  const _id = new Types.ObjectId();
  const key = `cgto_${_id.toHexString()}_${randomBytes(32).toString('base64url')}`;
  const doc = await deps.models.Open311Key.create({
    _id,
    name: body.name,
    contact: body.contact,
    operations: body.operations,
    rateLimitPerMinute: body.rateLimitPerMinute,
    keyHash: hashApiKey(key),
    keyPrefix: key.slice(0, 35),
    createdBy: actor.id,
    createdAt: deps.now(),
  });
  await recordAudit(deps, {
    actor,
    action: 'open311_key.create',
    targetType: 'open311_key',
    targetId: String(_id),
    ip,
    details: { name: body.name, operations: body.operations, rateLimitPerMinute: body.rateLimitPerMinute },
  });
  return { ...presentKey(doc.toObject() as KeyLean), key };
}

export async function listOpen311Keys(deps: AppDeps, page: number, pageSize: number): Promise<{ items: Open311KeyView[]; total: number }> {
  const { Open311Key } = deps.models;
  const [docs, total] = await Promise.all([
    Open311Key.find({}, { keyHash: 0 }).sort({ createdAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<KeyLean[]>(),
    Open311Key.countDocuments({}),
  ]);
  return { items: docs.map(presentKey), total };
}

export async function revokeOpen311Key(deps: AppDeps, actor: AuditActor, ip: string, id: string): Promise<Open311KeyView> {
  if (!OBJECT_ID_RE.test(id)) throw fail('not_found', [], 'API Key 不存在');
  const doc = await deps.models.Open311Key.findOneAndUpdate(
    { _id: id.toLowerCase() },
    { $set: { active: false, revokedAt: deps.now(), revokedBy: actor.id } },
    { returnDocument: 'after' }, // FerretDB has no projection on findAndModify: presentKey leaves the hash out
  ).lean<KeyLean>();
  if (!doc) throw fail('not_found', [], 'API Key 不存在');
  await recordAudit(deps, { actor, action: 'open311_key.revoke', targetType: 'open311_key', targetId: String(doc._id), ip, details: { name: doc.name } });
  return presentKey(doc);
}

/** The active client a presented key belongs to, or null (malformed, unknown, revoked, wrong secret). */
export async function verifyOpen311Key(deps: AppDeps, presented: string): Promise<Open311Client | null> {
  const id = KEY.exec(presented.trim())?.[1];
  if (!id) return null;
  const doc = await deps.models.Open311Key.findById(id).lean<KeyLean>();
  if (!doc || doc.active === false || !apiKeyMatches(presented.trim(), doc.keyHash)) return null;
  return { id, name: doc.name, operations: (doc.operations ?? []) as Open311Operation[], rateLimitPerMinute: doc.rateLimitPerMinute };
}
