import { randomUUID } from 'node:crypto';
import { actingUserId, type ChangeContext } from '../../platform/events/actor.ts';
import type { NewActivity } from './activities.repository.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

/**
 * Names the history shows instead of ids: state names, label names, people's display names, `PROJ-12`, and the
 * values of estimate points (`5`).
 */
export interface HistoryNames {
  states: Map<string, string>;
  labels: Map<string, string>;
  people: Map<string, string>;
  items: Map<string, string>;
  points: Map<string, string>;
}

type Row = Pick<NewActivity, 'verb' | 'field' | 'oldValue' | 'newValue' | 'comment'> &
  Partial<Pick<NewActivity, 'oldIdentifier' | 'newIdentifier' | 'commentId'>>;

/** What a history row needs to know of its item. */
export type HistoryItem = Pick<WorkItemRecord, 'id' | 'workspaceId' | 'projectId'>;

/** Builds activity rows for one change by one actor (a user, or an API key acting for a user). */
export function activityRows(ctx: ChangeContext, item: HistoryItem, rows: Row[]): NewActivity[] {
  const actor = ctx.actor;
  // A change dated by its context (the demo seed's past) carries that date; otherwise the database's clock.
  const at = ctx.at?.toISOString();
  return rows.map((row) => ({
    ...(at ? { createdAt: at, updatedAt: at } : {}),
    id: randomUUID(),
    workspaceId: item.workspaceId,
    projectId: item.projectId,
    workItemId: item.id,
    actorId: actingUserId(actor),
    actorType: actor.type,
    actorTokenId: actor.type === 'api_key' ? actor.id : null,
    ...row,
  }));
}

export const createdRow: Row = {
  verb: 'created',
  field: null,
  oldValue: null,
  newValue: null,
  comment: 'created the issue',
};
export const deletedRow: Row = {
  verb: 'deleted',
  field: null,
  oldValue: null,
  newValue: null,
  comment: 'deleted the issue',
};

const plain: Array<[keyof WorkItemRecord, string, string]> = [
  ['name', 'name', 'updated the name to'],
  ['descriptionHtml', 'description', 'updated the description to'],
  ['priority', 'priority', 'updated the priority to'],
  ['startDate', 'start_date', 'updated the start date to'],
  ['targetDate', 'target_date', 'updated the target date to'],
  ['archivedAt', 'archived_at', 'updated the archived date to'],
  ['isDraft', 'draft', 'updated the draft status to'],
];

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** One row per changed field; one per label or assignee added or removed. */
export function changeRows(before: WorkItemRecord, after: WorkItemRecord, names: HistoryNames): Row[] {
  const rows: Row[] = [];
  for (const [key, field, comment] of plain) {
    if (before[key] === after[key]) continue;
    rows.push({ verb: 'updated', field, oldValue: text(before[key]), newValue: text(after[key]), comment });
  }
  if (before.stateId !== after.stateId) {
    rows.push(referenceRow('state', before.stateId, after.stateId, names.states, 'updated the state to'));
  }
  if (before.estimatePointId !== after.estimatePointId) {
    const value = (id: string | null) => (id ? { id, value: names.points.get(id) ?? null } : null);
    rows.push(estimatePointRow(value(before.estimatePointId), value(after.estimatePointId)));
  }
  if (before.parentId !== after.parentId) {
    rows.push(
      referenceRow('parent', before.parentId, after.parentId, names.items, 'updated the parent issue to'),
    );
  }
  rows.push(...setRows('labels', before.labelIds, after.labelIds, names.labels, 'label'));
  rows.push(...setRows('assignees', before.assigneeIds, after.assigneeIds, names.people, 'assignee'));
  return rows;
}

/**
 * An estimate point changed: its value (`5`) as the old and new values, as Plane shows it, and the point's id as
 * the identifier (the burndown reads a day's points from it).
 */
export function estimatePointRow(
  from: { id: string; value: string | null } | null,
  to: { id: string; value: string | null } | null,
): Row {
  return {
    verb: 'updated',
    field: 'estimate_point',
    oldValue: from?.value ?? null,
    newValue: to?.value ?? null,
    oldIdentifier: from?.id ?? null,
    newIdentifier: to?.id ?? null,
    comment: 'updated the estimate point to',
  };
}

function referenceRow(
  field: string,
  from: string | null,
  to: string | null,
  names: Map<string, string>,
  comment: string,
): Row {
  return {
    verb: 'updated',
    field,
    oldValue: from ? (names.get(from) ?? null) : null,
    newValue: to ? (names.get(to) ?? null) : null,
    oldIdentifier: from,
    newIdentifier: to,
    comment,
  };
}

function setRows(
  field: string,
  from: string[],
  to: string[],
  names: Map<string, string>,
  noun: string,
): Row[] {
  const added = to.filter((id) => !from.includes(id));
  const removed = from.filter((id) => !to.includes(id));
  return [
    ...added.map((id) => ({
      verb: 'updated',
      field,
      oldValue: null,
      newValue: names.get(id) ?? null,
      newIdentifier: id,
      comment: `added ${noun}`,
    })),
    ...removed.map((id) => ({
      verb: 'updated',
      field,
      oldValue: names.get(id) ?? null,
      newValue: null,
      oldIdentifier: id,
      comment: `removed ${noun}`,
    })),
  ];
}
