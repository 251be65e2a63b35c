import { z } from 'zod';
import { auditOut, auditTimes, externalFields, requiredText, text, uuidRef } from './dto-common.ts';
import type { LabelRow } from './labels.repository.ts';

const writable = {
  color: text().optional(),
  description: z.string().optional(),
  parent: uuidRef.nullable().optional(),
  ...externalFields,
};

export const createLabelBody = z.object({ name: requiredText(), ...writable });
export const updateLabelBody = z.object({ name: requiredText().optional(), ...writable });

export const labelOut = z.object({
  ...auditOut,
  name: z.string(),
  description: z.string(),
  color: z.string(),
  sort_order: z.number(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  workspace: z.uuid(),
  project: z.uuid(),
  parent: z.uuid().nullable(),
});

export function toLabelOut(l: LabelRow, timeZone: string) {
  return {
    id: l.id,
    ...auditTimes(l, timeZone),
    name: l.name,
    description: l.description,
    color: l.color,
    sort_order: l.sortOrder,
    external_source: l.externalSource,
    external_id: l.externalId,
    created_by: l.createdBy,
    updated_by: l.updatedBy,
    workspace: l.workspaceId,
    project: l.projectId,
    parent: l.parentId,
  };
}
