import { z } from 'zod';
import { auditOut, auditTimes, externalFields, requiredText } from './dto-common.ts';
import type { StateRow } from './states.repository.ts';
import { stateGroups } from './states.schema.ts';

// `sequence` and `is_triage` are accepted and ignored: Plane recomputes the one and refuses the other's use.
const writable = {
  description: z.string().optional(),
  sequence: z.number().optional(),
  group: z.enum(stateGroups).optional(),
  is_triage: z.boolean().optional(),
  default: z.boolean().optional(),
  ...externalFields,
};

export const createStateBody = z.object({ name: requiredText(), color: requiredText(), ...writable });
export const updateStateBody = z.object({
  name: requiredText().optional(),
  color: requiredText().optional(),
  ...writable,
});

export const stateOut = z.object({
  ...auditOut,
  name: z.string(),
  description: z.string(),
  color: z.string(),
  slug: z.string(),
  sequence: z.number(),
  group: z.enum(stateGroups),
  is_triage: z.boolean(),
  default: z.boolean(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
});

export function toStateOut(s: StateRow, timeZone: string) {
  return {
    id: s.id,
    ...auditTimes(s, timeZone),
    name: s.name,
    description: s.description,
    color: s.color,
    slug: s.slug,
    sequence: s.sequence,
    group: s.group,
    is_triage: s.isTriage,
    default: s.isDefault,
    external_source: s.externalSource,
    external_id: s.externalId,
    created_by: s.createdBy,
    updated_by: s.updatedBy,
    project: s.projectId,
    workspace: s.workspaceId,
  };
}
