import type { Database } from '../db/database.ts';
import { resealAll, type RotationReport } from './encrypted-columns.ts';
import { promoteNextKey, stageNextKey, type KeySource } from './key-store.ts';
import { keyId } from './secret-box.ts';

export interface RotationResult {
  keyId: string;
  tables: RotationReport[];
  /** True when the new key was written to the data dir; otherwise the operator already set it. */
  keyFileRotated: boolean;
}

/**
 * Re-seals every secret with a new key, in one transaction.
 * - Key in the data dir (development): a new key is staged in `secret.key.next` first, so a crash at any
 *   point leaves a key that opens every value; it replaces `secret.key` once the transaction commits.
 * - AGENCY_SECRET_KEY (production): the operator sets the new key there and the old one in
 *   AGENCY_SECRET_KEY_PREVIOUS, then runs this; afterwards the previous key can be dropped.
 */
export async function rotateSecretKey(database: Database, keys: KeySource): Promise<RotationResult> {
  if (!keys.keyFile) {
    const tables = await database.db.transaction((tx) => resealAll(tx as never, keys.box));
    return { keyId: keys.box.currentKeyId, tables, keyFileRotated: false };
  }
  const next = stageNextKey(keys.keyFile);
  const box = keys.box.rotatedTo(next);
  // On failure the staged key stays: a commit whose acknowledgement was lost may already have used it.
  const tables = await database.db.transaction((tx) => resealAll(tx as never, box));
  promoteNextKey(keys.keyFile);
  return { keyId: keyId(next), tables, keyFileRotated: true };
}
