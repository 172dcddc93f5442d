import type { AppDeps } from '../../deps.js';
import { decryptPii, encryptPii, kidOf, piiIndex, type PiiIndexKey, type PiiKeyring } from '../../domain/complaints/pii.js';
import { versionedWrite } from '../../db/versioned-write.js';
import type { ComplaintRecord } from '../../models/complaint.js';
import { missingKeyMessage, PiiKeyError } from '../../services/pii-keys.js';
import { syncComplaintProjections } from '../complaints/projections.js';

export type ResealOutcome = 'unchanged' | 'resealed' | 'raced';

export type ResealInput = Pick<ComplaintRecord, '_id' | 'caseNo' | 'version' | 'petitioner' | 'piiKid'>;

/**
 * Brings one case's ID number to the current key: re-encrypted when under another key, its blind index
 * recomputed with the index key (differs only for data of before the separate index key), `piiKid` set.
 * Conditional on the ciphertext read, so two rotators (or a rotator and a boot migration) converge.
 * When the index changes, the list rows carry it: a versioned write, then the projections, as after any
 * write; when only the ciphertext changes, a plain update (no row carries it, nothing else writes it).
 */
export async function resealComplaint(deps: AppDeps, c: ResealInput, ring: PiiKeyring, indexKey: PiiIndexKey): Promise<ResealOutcome> {
  const stored = c.petitioner.idNumberEnc;
  const kid = kidOf(stored) ?? '?';
  const keys = ring.byKid.get(kid);
  if (!keys) throw new PiiKeyError(missingKeyMessage([kid], `信访件 ${c.caseNo}`));
  // a value that does not authenticate under the key it names was tampered with: that throws, loudly
  const plain = decryptPii(keys, stored);
  const hash = piiIndex(indexKey, plain);
  const enc = kid === ring.current.kid ? stored : encryptPii(ring.current, plain);
  if (enc === stored && hash === c.petitioner.idNumberHash && c.piiKid === ring.current.kid) return 'unchanged';
  const set = { 'petitioner.idNumberEnc': enc, 'petitioner.idNumberHash': hash, piiKid: ring.current.kid };
  const { Complaint } = deps.models;
  if (hash !== c.petitioner.idNumberHash) {
    const updated = await versionedWrite<ComplaintRecord>(deps.models, {
      kind: 'complaint',
      model: Complaint,
      id: c._id,
      version: c.version,
      guard: { 'petitioner.idNumberEnc': stored },
      update: { $set: set },
      by: 'pii-rotate',
    });
    if (!updated) return 'raced';
    await syncComplaintProjections(deps, updated);
    return 'resealed';
  }
  const r = await Complaint.updateOne({ _id: c._id, 'petitioner.idNumberEnc': stored }, { $set: set });
  return r.matchedCount ? 'resealed' : 'raced';
}

export const RESEAL_PROJECTION = { caseNo: 1, version: 1, petitioner: 1, piiKid: 1 } as const;
