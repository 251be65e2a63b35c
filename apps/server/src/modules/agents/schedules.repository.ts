import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { agents } from './agents.schema.ts';

/** An agent that runs on a clock: which workspace it works for and its configuration. */
export interface ScheduledAgent {
  id: string;
  workspaceId: string;
  configuration: Record<string, unknown>;
}

/** The scheduler's one read: the enabled agents of a kind whose configuration names a schedule time. */
export class SchedulesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  scheduledAgents(agentType: string): Promise<ScheduledAgent[]> {
    return this.db
      .select({ id: agents.id, workspaceId: agents.workspaceId, configuration: agents.configuration })
      .from(agents)
      .where(
        and(
          eq(agents.agentType, agentType),
          ne(agents.status, 'disabled'),
          sql`${agents.configuration} ->> 'schedule_time' is not null`,
        ),
      )
      .orderBy(agents.id);
  }
}
