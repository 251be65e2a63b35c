import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import {
  auditOut,
  auditTimes,
  dateField,
  dateTimeField,
  externalFields,
  listQuery,
  queryText,
  requiredText,
  uuidRef,
} from './dto-common.ts';
import type { WorkItemRecord } from './work-items.repository.ts';
import { priorities } from './work-items.schema.ts';

// Keys the SDK sends that Plane CE ignores (`type`, `module`, filters) are dropped by the schema.
const writable = {
  description_html: z.string().optional(),
  description_binary: z.base64().nullable().optional(),
  priority: z.enum(priorities).optional(),
  state: uuidRef.optional(),
  parent: uuidRef.nullable().optional(),
  estimate_point: uuidRef.nullable().optional(),
  point: z.number().int().min(0).max(12).nullable().optional(),
  start_date: dateField.nullable().optional(),
  target_date: dateField.nullable().optional(),
  sort_order: z.number().optional(),
  archived_at: dateField.nullable().optional(),
  is_draft: z.boolean().optional(),
  type_id: uuidRef.nullable().optional(),
  assignees: z.array(uuidRef).optional(),
  labels: z.array(uuidRef).optional(),
  ...externalFields,
};

export const createWorkItemBody = z.object({
  name: requiredText(255),
  ...writable,
  created_at: dateTimeField.optional(),
  created_by: uuidRef.optional(),
});
export const updateWorkItemBody = z.object({ name: requiredText(255).optional(), ...writable });

export const workItemListQuery = listQuery.extend({ external_id: queryText, external_source: queryText });

export const workItemOut = z.object({
  ...auditOut,
  type_id: z.uuid().nullable(),
  point: z.number().int().nullable(),
  name: z.string(),
  description_html: z.string(),
  description_binary: z.string().nullable(),
  priority: z.enum(priorities),
  start_date: z.string().nullable(),
  target_date: z.string().nullable(),
  sequence_id: z.number().int(),
  sort_order: z.number(),
  completed_at: z.string().nullable(),
  archived_at: z.string().nullable(),
  is_draft: z.boolean(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
  parent: z.uuid().nullable(),
  state: z.uuid(),
  estimate_point: z.uuid().nullable(),
  type: z.uuid().nullable(),
  assignees: z.array(z.uuid()),
  labels: z.array(z.uuid()),
});

/** Plane's issue serializer; clients build the readable key as `<project identifier>-<sequence_id>`. */
export function toWorkItemOut(i: WorkItemRecord, timeZone: string) {
  return {
    id: i.id,
    type_id: i.typeId,
    ...auditTimes(i, timeZone),
    point: i.point,
    name: i.name,
    description_html: i.descriptionHtml,
    description_binary: i.descriptionBinary,
    priority: i.priority,
    start_date: i.startDate,
    target_date: i.targetDate,
    sequence_id: i.sequenceId,
    sort_order: i.sortOrder,
    completed_at: planeDateTime(i.completedAt, timeZone),
    archived_at: i.archivedAt,
    is_draft: i.isDraft,
    external_source: i.externalSource,
    external_id: i.externalId,
    created_by: i.createdBy,
    updated_by: i.updatedBy,
    project: i.projectId,
    workspace: i.workspaceId,
    parent: i.parentId,
    state: i.stateId,
    estimate_point: i.estimatePointId,
    type: i.typeId,
    assignees: i.assigneeIds,
    labels: i.labelIds,
  };
}
