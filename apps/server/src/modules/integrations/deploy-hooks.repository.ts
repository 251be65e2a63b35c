import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { deployHooks } from './deploy-hooks.schema.ts';

export type DeployHookRow = typeof deployHooks.$inferSelect;
export type NewDeployHook = typeof deployHooks.$inferInsert;

/** The only code that reads and writes the `deploy_hooks` table. */
export class DeployHooksRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): DeployHooksRepository {
    return new DeployHooksRepository(tx);
  }

  /** Undefined when the workspace already has a hook of that name. */
  async insert(row: NewDeployHook): Promise<DeployHookRow | undefined> {
    const [created] = await this.db.insert(deployHooks).values(row).onConflictDoNothing().returning();
    return created;
  }

  async find(workspaceId: string, id: string): Promise<DeployHookRow | undefined> {
    const [row] = await this.db
      .select()
      .from(deployHooks)
      .where(and(eq(deployHooks.workspaceId, workspaceId), eq(deployHooks.id, id)));
    return row;
  }

  list(workspaceId: string): Promise<DeployHookRow[]> {
    return this.db
      .select()
      .from(deployHooks)
      .where(eq(deployHooks.workspaceId, workspaceId))
      .orderBy(asc(deployHooks.name));
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const gone = await this.db
      .delete(deployHooks)
      .where(and(eq(deployHooks.workspaceId, workspaceId), eq(deployHooks.id, id)))
      .returning({ id: deployHooks.id });
    return gone.length > 0;
  }
}
