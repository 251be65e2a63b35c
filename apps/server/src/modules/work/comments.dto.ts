import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import type { CommentRow } from './comments.repository.ts';
import { commentAccess } from './comments.schema.ts';
import { auditOut, auditTimes, dateTimeField, externalFields, uuidRef } from './dto-common.ts';

const writable = {
  comment_html: z.string().optional(),
  comment_json: z.unknown().optional(),
  access: z.enum(commentAccess).optional(),
  ...externalFields,
};

export const createCommentBody = z.object({
  ...writable,
  created_at: dateTimeField.optional(),
  created_by: uuidRef.optional(),
});
export const updateCommentBody = z.object(writable);

export const commentOut = z.object({
  ...auditOut,
  comment_html: z.string(),
  attachments: z.array(z.string()),
  access: z.enum(commentAccess),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  edited_at: z.string().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
  issue: z.uuid(),
  actor: z.uuid().nullable(),
  parent: z.uuid().nullable(),
  is_member: z.boolean().optional().describe('list and detail responses only'),
});

/** `is_member` (is the reader a project member) is only on list and detail responses, as in Plane. */
export function toCommentOut(c: CommentRow, timeZone: string, isMember?: boolean) {
  return {
    id: c.id,
    ...(isMember === undefined ? {} : { is_member: isMember }),
    ...auditTimes(c, timeZone),
    comment_html: c.commentHtml,
    attachments: [] as string[],
    access: c.access,
    external_source: c.externalSource,
    external_id: c.externalId,
    edited_at: planeDateTime(c.editedAt, timeZone),
    created_by: c.createdBy,
    updated_by: c.updatedBy,
    project: c.projectId,
    workspace: c.workspaceId,
    issue: c.workItemId,
    actor: c.actorId,
    parent: c.parentId,
  };
}
