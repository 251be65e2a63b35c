import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { ProjectScope } from './project-access.ts';
import type { RelationRow, RelationsRepository } from './relations.repository.ts';
import type { StoredRelationType } from './relations.schema.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';

/** The relation types a caller names, each as seen from the item asked about (contract §2.11). */
export const relationTypes = [
  'blocking',
  'blocked_by',
  'duplicate',
  'relates_to',
  'start_before',
  'start_after',
  'finish_before',
  'finish_after',
] as const;
export type RelationType = (typeof relationTypes)[number];

/** How each named type is stored: its forward type, and whether the row runs from the other item. */
const storage: Record<RelationType, { stored: StoredRelationType; reversed: boolean }> = {
  blocking: { stored: 'blocked_by', reversed: true },
  blocked_by: { stored: 'blocked_by', reversed: false },
  duplicate: { stored: 'duplicate', reversed: false },
  relates_to: { stored: 'relates_to', reversed: false },
  start_before: { stored: 'start_before', reversed: false },
  start_after: { stored: 'start_before', reversed: true },
  finish_before: { stored: 'finish_before', reversed: false },
  finish_after: { stored: 'finish_before', reversed: true },
};
const seenFromRelated: Record<StoredRelationType, RelationType> = {
  blocked_by: 'blocking',
  relates_to: 'relates_to',
  duplicate: 'duplicate',
  start_before: 'start_after',
  finish_before: 'finish_after',
};

/** The relation as `itemId` sees it. */
export function relationTypeFor(row: RelationRow, itemId: string): RelationType {
  return row.workItemId === itemId ? row.relationType : seenFromRelated[row.relationType];
}

export type RelationListing = Record<RelationType, Array<{ project_id: string; issue_id: string }>>;

export interface RelatedSummary {
  item: WorkItemRecord;
  relation: RelationRow;
  type: RelationType;
}

export interface RelationsDeps {
  transactor: Writer;
  relations: RelationsRepository;
  workItems: WorkItemsRepository;
  activities: ActivitiesRepository;
  /** Tells both items' followers, inside the change's transaction. */
  notifications?: NotificationsService;
}

/**
 * Relations between work items, kept symmetric: one row per pair, read from either end (A blocked_by B is B
 * blocking A). Every change is written to both items' histories.
 */
export class RelationsService {
  private readonly deps: RelationsDeps;

  constructor(deps: RelationsDeps) {
    this.deps = deps;
  }

  async list(item: WorkItemRecord): Promise<RelationListing> {
    const listing = Object.fromEntries(relationTypes.map((t) => [t, []])) as unknown as RelationListing;
    for (const row of await this.deps.relations.ofItem(item.id)) {
      listing[relationTypeFor(row.relation, item.id)].push({
        project_id: row.otherProjectId,
        issue_id: row.otherId,
      });
    }
    return listing;
  }

  /**
   * Relates the item to each of `ids`. Repeating a relation changes nothing; a different relation between the
   * same two items replaces the old one. Related items may be in any project of the workspace the caller belongs to.
   */
  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    type: RelationType,
    ids: string[],
  ): Promise<RelatedSummary[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) {
      throw new AppError('VALIDATION_FAILED', { field: 'issues', message: 'This list may not be empty.' });
    }
    if (unique.includes(item.id)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'issues',
        message: 'A work item cannot be related to itself.',
      });
    }
    const others = await this.relatable(scope, unique);
    const keys = await this.keys(scope, [item, ...others]);
    const { stored, reversed } = storage[type];
    return this.deps.transactor.run(async (tx) => {
      const relations = this.deps.relations.with(tx);
      const result: RelatedSummary[] = [];
      for (const other of others) {
        const existing = await relations.between(item.id, other.id);
        if (existing && relationTypeFor(existing, item.id) === type) {
          result.push({ item: other, relation: existing, type });
          continue;
        }
        if (existing) {
          await relations.remove(existing.id, scope.userId);
          await this.history(tx, ctx, 'deleted', existing, item, other, keys);
        }
        const relation = await relations.insert({
          id: randomUUID(),
          workspaceId: item.workspaceId,
          projectId: reversed ? other.projectId : item.projectId,
          workItemId: reversed ? other.id : item.id,
          relatedWorkItemId: reversed ? item.id : other.id,
          relationType: stored,
          createdBy: scope.userId,
        });
        await this.history(tx, ctx, 'created', relation, item, other, keys);
        result.push({ item: other, relation, type });
      }
      return result;
    });
  }

  /** Ends the relation between the item and `relatedId`, whichever end made it. */
  async remove(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    relatedId: string,
  ): Promise<void> {
    const existing = await this.deps.relations.between(item.id, relatedId);
    const [other] = await this.deps.workItems.findByIds([relatedId]);
    if (!existing || !other) throw new AppError('NOT_FOUND');
    const keys = await this.keys(scope, [item, other]);
    await this.deps.transactor.run(async (tx) => {
      await this.deps.relations.with(tx).remove(existing.id, scope.userId);
      await this.history(tx, ctx, 'deleted', existing, item, other, keys);
    });
  }

  /** The live items of `ids`, refused as unknown unless they are in a project of this workspace the caller is in. */
  private async relatable(scope: ProjectScope, ids: string[]): Promise<WorkItemRecord[]> {
    const found = (await this.deps.workItems.findByIds(ids)).filter(
      (i) => i.workspaceId === scope.workspace.id,
    );
    const member = await this.deps.relations.memberProjects(scope.workspace.id, scope.userId, [
      ...new Set(found.map((i) => i.projectId)),
    ]);
    const byId = new Map(found.filter((i) => member.has(i.projectId)).map((i) => [i.id, i]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'issues',
        message: `Invalid pk "${missing[0]}" - object does not exist.`,
        details: { fields: { issues: missing.map((id) => `Invalid pk "${id}" - object does not exist.`) } },
      });
    }
    return ids.map((id) => byId.get(id)!);
  }

  /** `PROJ-12` for each item, as the history names them. */
  private async keys(scope: ProjectScope, items: WorkItemRecord[]): Promise<Map<string, string>> {
    const identifiers = await this.deps.relations.projectIdentifiers(scope.workspace.id, [
      ...new Set([scope.project.id, ...items.map((i) => i.projectId)]),
    ]);
    identifiers.set(scope.project.id, scope.project.identifier);
    return new Map(items.map((i) => [i.id, `${identifiers.get(i.projectId) ?? '?'}-${i.sequenceId}`]));
  }

  /** One history row on each end, each naming the relation as that end sees it, and one audit entry. */
  private async history(
    tx: Db,
    ctx: ChangeContext,
    verb: 'created' | 'deleted',
    relation: RelationRow,
    item: WorkItemRecord,
    other: WorkItemRecord,
    keys: Map<string, string>,
  ): Promise<void> {
    const keyOf = (i: WorkItemRecord) => keys.get(i.id) ?? `${i.sequenceId}`;
    const row = (self: WorkItemRecord, peer: WorkItemRecord) => {
      const type = relationTypeFor(relation, self.id);
      return activityRows(ctx, self, [
        verb === 'created'
          ? {
              verb: 'updated',
              field: type,
              oldValue: null,
              newValue: keyOf(peer),
              newIdentifier: peer.id,
              comment: `added ${type} relation`,
            }
          : {
              verb: 'deleted',
              field: type,
              oldValue: keyOf(peer),
              newValue: null,
              oldIdentifier: peer.id,
              comment: `removed ${type} relation`,
            },
      ]);
    };
    const rows = [...row(item, other), ...row(other, item)];
    await this.deps.activities.with(tx).insert(rows);
    await this.deps.notifications?.historyWritten(tx, ctx, rows);
    const snapshot = {
      work_item_id: relation.workItemId,
      related_work_item_id: relation.relatedWorkItemId,
      relation_type: relation.relationType,
    };
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action: `work_item.relation.${verb}`,
      objectType: 'work_item_relation',
      objectId: relation.id,
      before: verb === 'deleted' ? snapshot : null,
      after: verb === 'created' ? snapshot : null,
    });
  }
}
