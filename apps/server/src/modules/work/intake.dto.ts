import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import { auditTimes, dateTimeField, requiredText, text, uuidRef } from './dto-common.ts';
import type { IntakeRecord } from './intake.service.ts';
import { toWorkItemOut, workItemOut } from './work-items.dto.ts';
import { priorities } from './work-items.schema.ts';

// Plane checks the submission's name and priority itself ("Name is required", "Invalid priority"), so they pass
// the schema as they come. Triage fields on create are ignored, as in Plane.
export const createIntakeBody = z.object({
  issue: z
    .object({
      name: z.unknown().optional(),
      description_html: z.string().optional(),
      priority: z.unknown().optional(),
    })
    .optional(),
});

export const updateIntakeBody = z.object({
  issue: z
    .object({
      name: requiredText(255).optional(),
      description_html: z.string().optional(),
      priority: z.enum(priorities).optional(),
    })
    .optional(),
  status: z.literal([-2, -1, 0, 1, 2]).optional(),
  snoozed_till: dateTimeField.nullable().optional(),
  duplicate_to: uuidRef.nullable().optional(),
  source: text().optional(),
  source_email: text().nullable().optional(),
});

export const intakeOut = z.object({
  id: z.uuid(),
  issue_detail: workItemOut.extend({
    state: z.object({ id: z.uuid(), name: z.string(), color: z.string(), group: z.string() }).nullable(),
  }),
  inbox: z.uuid(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
  status: z.number().int(),
  snoozed_till: z.string().nullable(),
  source: z.string(),
  source_email: z.string().nullable(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
  created_by: z.uuid().nullable(),
  updated_by: z.uuid().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
  intake: z.uuid(),
  issue: z.uuid(),
  duplicate_to: z.uuid().nullable(),
});

/** Plane's intake-issue serializer: the record, with its work item (state expanded) as `issue_detail`. */
export function toIntakeOut({ row, item, state }: IntakeRecord, timeZone: string) {
  return {
    id: row.id,
    issue_detail: {
      ...toWorkItemOut(item, timeZone),
      state: state ? { id: state.id, name: state.name, color: state.color, group: state.group } : null,
    },
    inbox: row.intakeId,
    ...auditTimes(row, timeZone),
    status: row.status,
    snoozed_till: planeDateTime(row.snoozedTill, timeZone),
    source: row.source,
    source_email: row.sourceEmail,
    external_source: row.externalSource,
    external_id: row.externalId,
    extra: row.extra as Record<string, unknown>,
    created_by: row.createdBy,
    updated_by: row.updatedBy,
    project: row.projectId,
    workspace: row.workspaceId,
    intake: row.intakeId,
    issue: row.workItemId,
    duplicate_to: row.duplicateToId,
  };
}
