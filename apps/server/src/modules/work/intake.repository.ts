import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { intakes, intakeWorkItems } from './intake.schema.ts';
import { ProjectRows } from './project-rows.ts';
import type { Window } from './projects.repository.ts';
import { states } from './states.schema.ts';
import { workItems } from './work-items.schema.ts';

export type IntakeRow = typeof intakes.$inferSelect;
export type IntakeItemRow = typeof intakeWorkItems.$inferSelect;
export type NewIntakeItem = typeof intakeWorkItems.$inferInsert;
type StateRow = typeof states.$inferSelect;

// Plane keeps records whose snooze is unset or still ahead, and hides those whose snooze has passed.
const shown = or(isNull(intakeWorkItems.snoozedTill), sql`${intakeWorkItems.snoozedTill} >= now()`);
const liveItem = sql`exists (select 1 from ${workItems} w where w.id = ${sql.raw('"intake_work_items"."work_item_id"')}
  and w.deleted_at is null)`;
const newestFirst = [desc(intakeWorkItems.createdAt), desc(intakeWorkItems.id)];

export class IntakeRepository {
  private readonly db: Db;
  // Records are read per intake (one per project).
  private readonly records: ProjectRows<typeof intakeWorkItems>;

  constructor(db: Db) {
    this.db = db;
    this.records = new ProjectRows(db, intakeWorkItems, intakeWorkItems.intakeId);
  }

  with(tx: Db): IntakeRepository {
    return new IntakeRepository(tx);
  }

  async findIntake(projectId: string): Promise<IntakeRow | undefined> {
    const [row] = await this.db
      .select()
      .from(intakes)
      .where(and(eq(intakes.projectId, projectId), isNull(intakes.deletedAt)));
    return row;
  }

  /** The project's intake, made on first use (concurrent first uses share one). */
  async ensureIntake(project: { id: string; workspaceId: string }, by: string): Promise<IntakeRow> {
    await this.db
      .insert(intakes)
      .values({
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        name: 'Intake',
        createdBy: by,
      })
      .onConflictDoNothing();
    return (await this.findIntake(project.id))!;
  }

  async insert(row: NewIntakeItem): Promise<IntakeItemRow> {
    return this.records.insert(row);
  }

  async update(id: string, patch: Partial<NewIntakeItem>): Promise<IntakeItemRow> {
    return this.records.update(id, patch);
  }

  /** The queue, newest first: records of live work items, not snoozed into the past. */
  async list(intakeId: string, window: Window): Promise<IntakeItemRow[]> {
    return this.records.list(intakeId, window, newestFirst, and(liveItem, shown));
  }

  async count(intakeId: string): Promise<number> {
    return this.records.count(intakeId, and(liveItem, shown));
  }

  /**
   * The record of a work item in the intake. Reads (`shownOnly`) skip records snoozed into the past, as the list
   * does; edits and deletes reach every record. `lock` holds it until the transaction ends.
   */
  async findByItem(
    intakeId: string,
    workItemId: string,
    options: { shownOnly?: boolean; lock?: boolean } = {},
  ): Promise<IntakeItemRow | undefined> {
    const query = this.db
      .select()
      .from(intakeWorkItems)
      .where(
        this.records.live(
          intakeId,
          and(eq(intakeWorkItems.workItemId, workItemId), liveItem, options.shownOnly ? shown : undefined),
        ),
      );
    const [row] = options.lock ? await query.for('update') : await query;
    return row;
  }

  /** The project's hidden Triage state, made again if it is missing (as Plane does). */
  async triageState(project: { id: string; workspaceId: string }, by: string): Promise<StateRow> {
    const [found] = await this.db
      .select()
      .from(states)
      .where(and(eq(states.projectId, project.id), eq(states.isTriage, true), isNull(states.deletedAt)))
      .limit(1);
    if (found) return found;
    const [created] = await this.db
      .insert(states)
      .values({
        id: randomUUID(),
        workspaceId: project.workspaceId,
        projectId: project.id,
        name: 'Triage',
        color: '#4E5355',
        sequence: 65000,
        group: 'triage',
        isTriage: true,
        createdBy: by,
      })
      .returning();
    return created!;
  }

  /** The state marked default (never a triage one): where an accepted submission goes. */
  async defaultState(projectId: string): Promise<StateRow | undefined> {
    const [row] = await this.db
      .select()
      .from(states)
      .where(
        and(
          eq(states.projectId, projectId),
          eq(states.isDefault, true),
          eq(states.isTriage, false),
          isNull(states.deletedAt),
        ),
      )
      .limit(1);
    return row;
  }
}
