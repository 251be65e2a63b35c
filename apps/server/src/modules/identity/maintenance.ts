import { and, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { sessions, verifications, workspaceInvitations } from './identity.schema.ts';

/** Removes what can no longer be used: expired sessions, one-time tokens and invitations. */
export async function pruneExpiredCredentials(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.delete(verifications).where(lt(verifications.expiresAt, now));
  await db
    .delete(workspaceInvitations)
    .where(and(isNull(workspaceInvitations.acceptedAt), lt(workspaceInvitations.expiresAt, now)));
}
