import { z } from 'zod';
import { auditTimes } from './dto-common.ts';
import type { ActivityRow } from './activities.repository.ts';

export const activityOut = z.object({
  id: z.uuid(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
  verb: z.string(),
  field: z.string().nullable(),
  old_value: z.string().nullable(),
  new_value: z.string().nullable(),
  comment: z.string(),
  attachments: z.array(z.string()),
  old_identifier: z.uuid().nullable(),
  new_identifier: z.uuid().nullable(),
  epoch: z.number(),
  project: z.uuid(),
  workspace: z.uuid(),
  issue: z.uuid(),
  issue_comment: z.uuid().nullable(),
  actor: z.uuid().nullable(),
});

/** Plane's activity serializer leaves out created_by and updated_by; `actor` is the user who acted. */
export function toActivityOut(a: ActivityRow, timeZone: string) {
  return {
    id: a.id,
    ...auditTimes(a, timeZone),
    verb: a.verb,
    field: a.field,
    old_value: a.oldValue,
    new_value: a.newValue,
    comment: a.comment,
    attachments: [] as string[],
    old_identifier: a.oldIdentifier,
    new_identifier: a.newIdentifier,
    epoch: a.epoch,
    project: a.projectId,
    workspace: a.workspaceId,
    issue: a.workItemId,
    issue_comment: a.commentId,
    actor: a.actorId,
  };
}
