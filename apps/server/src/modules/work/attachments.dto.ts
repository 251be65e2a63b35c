import { z } from 'zod';
import { auditOut, auditTimes, externalFields } from './dto-common.ts';
import type { AttachmentRow } from './attachments.repository.ts';

/**
 * Plane's upload body. Its handler, not its serializer, checks the fields (missing name or size → `{"error":
 * "Invalid request.","status":false}`), so the schema only insists on the types of what is there.
 */
export const createAttachmentBody = z.object({
  name: z.string().max(255).optional(),
  type: z.string().max(255).optional(),
  size: z.number().int().min(0).optional(),
  ...externalFields,
});
export type AttachmentInput = z.infer<typeof createAttachmentBody>;

/** The SDK's update body may hold any attachment field; Plane's PATCH only marks the upload done. */
export const updateAttachmentBody = z.object({}).passthrough();

export const attachmentOut = z.object({
  ...auditOut,
  attributes: z.object({ name: z.string(), type: z.string(), size: z.number() }),
  asset: z.string(),
  entity_type: z.literal('ISSUE_ATTACHMENT'),
  entity_identifier: z.string(),
  is_deleted: z.boolean(),
  is_archived: z.boolean(),
  size: z.number(),
  is_uploaded: z.boolean(),
  storage_metadata: z.record(z.string(), z.unknown()),
  external_id: z.string().nullable(),
  external_source: z.string().nullable(),
  user: z.uuid().nullable(),
  workspace: z.uuid(),
  draft_issue: z.uuid().nullable(),
  project: z.uuid(),
  issue: z.uuid(),
  comment: z.uuid().nullable(),
  page: z.uuid().nullable(),
});

export const uploadEnvelopeOut = z.object({
  upload_data: z.object({ url: z.string(), fields: z.record(z.string(), z.string()) }),
  asset_id: z.uuid(),
  attachment: attachmentOut,
  asset_url: z.string(),
});

export function toAttachmentOut(a: AttachmentRow, timeZone: string) {
  return {
    id: a.id,
    ...auditTimes(a, timeZone),
    created_by: a.createdBy,
    updated_by: a.updatedBy,
    attributes: { name: a.name, type: a.type, size: a.size },
    asset: a.asset,
    entity_type: 'ISSUE_ATTACHMENT' as const,
    entity_identifier: a.workItemId,
    is_deleted: a.deletedAt !== null,
    is_archived: false,
    size: a.size,
    is_uploaded: a.isUploaded,
    storage_metadata: a.storageMetadata,
    external_id: a.externalId,
    external_source: a.externalSource,
    user: null,
    workspace: a.workspaceId,
    draft_issue: null,
    project: a.projectId,
    issue: a.workItemId,
    comment: null,
    page: null,
  };
}
