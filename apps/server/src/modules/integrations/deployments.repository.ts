import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { deployments, type DeploymentState } from './deployments.schema.ts';

export type DeploymentRow = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;
export type DeploymentPatch = Partial<Omit<NewDeployment, 'id' | 'workspaceId' | 'provider' | 'externalId'>>;

export interface DeploymentFilter {
  environment?: string;
  states?: DeploymentState[];
}

/** The only code that reads and writes the `deployments` table. */
export class DeploymentsRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): DeploymentsRepository {
    return new DeploymentsRepository(tx);
  }

  async find(workspaceId: string, id: string): Promise<DeploymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(deployments)
      .where(and(eq(deployments.workspaceId, workspaceId), eq(deployments.id, id)));
    return row;
  }

  /** The row a provider's id names, locked until the transaction ends (a second recorder waits for the first). */
  async findBySourceForUpdate(
    workspaceId: string,
    provider: string,
    externalId: string,
  ): Promise<DeploymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(deployments)
      .where(
        and(
          eq(deployments.workspaceId, workspaceId),
          eq(deployments.provider, provider),
          eq(deployments.externalId, externalId),
        ),
      )
      .for('update');
    return row;
  }

  async findForUpdate(workspaceId: string, id: string): Promise<DeploymentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(deployments)
      .where(and(eq(deployments.workspaceId, workspaceId), eq(deployments.id, id)))
      .for('update');
    return row;
  }

  /** Inserts unless the provider's id is there already (a concurrent recorder won): then undefined. */
  async insert(row: NewDeployment): Promise<DeploymentRow | undefined> {
    const [inserted] = await this.db.insert(deployments).values(row).onConflictDoNothing().returning();
    return inserted;
  }

  /** One statement for many rows; rows whose provider id exists already are skipped. Returns how many went in. */
  async insertMany(rows: NewDeployment[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db
      .insert(deployments)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: deployments.id });
    return inserted.length;
  }

  async update(id: string, patch: DeploymentPatch): Promise<DeploymentRow> {
    const [row] = await this.db
      .update(deployments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(deployments.id, id))
      .returning();
    return row!;
  }

  async list(
    workspaceId: string,
    filter: DeploymentFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: DeploymentRow[]; total: number }> {
    const conditions = [eq(deployments.workspaceId, workspaceId)];
    if (filter.environment) conditions.push(eq(deployments.environment, filter.environment));
    if (filter.states?.length) conditions.push(inArray(deployments.state, filter.states));
    const where = and(...conditions);
    const rows = await this.db
      .select()
      .from(deployments)
      .where(where)
      .orderBy(desc(deployments.createdAt), desc(deployments.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(deployments).where(where);
    return { rows, total: total?.n ?? 0 };
  }

  /** The newest finished (ready or failed) deployments created before `before`, newest first. */
  async finished(workspaceId: string, before: Date, limit: number): Promise<DeploymentRow[]> {
    return this.db
      .select()
      .from(deployments)
      .where(
        and(
          eq(deployments.workspaceId, workspaceId),
          inArray(deployments.state, ['ready', 'error']),
          lt(deployments.createdAt, before),
        ),
      )
      .orderBy(desc(deployments.createdAt), desc(deployments.id))
      .limit(limit);
  }
}
