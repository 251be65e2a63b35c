import type { Db } from './platform/db/database.ts';
import { ActivityRepository } from './platform/events/activity.repository.ts';
import type { StandupActivity, StandupSource } from './modules/agents/index.ts';
import type { IdentityModule } from './modules/identity/index.ts';

const PAGE = 500;
/** Enough for a busy day; a standup over more changes than this reads the latest ones. */
const MAX_CHANGES = 20_000;

/**
 * The standup agent's view of a workspace: people's changes (a user's own, or through their API key) from the
 * audit trail in a time window, newest last, with their display names.
 */
export function standupSource(db: Db, identity: Pick<IdentityModule, 'users'>): StandupSource {
  const activity = new ActivityRepository(db);
  return async (workspaceId, { since, until }) => {
    const names = new Map<string, string>();
    const nameOf = async (id: string) => {
      if (!names.has(id)) {
        const user = await identity.users.findById(id);
        names.set(id, user?.name || user?.email || 'Someone');
      }
      return names.get(id)!;
    };
    const found: StandupActivity[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await activity.list(workspaceId, { limit: PAGE, before });
      for (const row of page.rows) {
        if (row.createdAt < since) return found.reverse();
        const person =
          row.actorType === 'user' ? row.actorId : row.actorType === 'api_key' ? row.onBehalfOf : null;
        if (row.createdAt > until || !person) continue;
        found.push({
          at: row.createdAt,
          actorId: person,
          actorName: await nameOf(person),
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          before: row.before ?? null,
          after: row.after ?? null,
        });
      }
      if (page.nextBefore === null || found.length >= MAX_CHANGES) return found.reverse();
      before = page.nextBefore;
    }
  };
}
