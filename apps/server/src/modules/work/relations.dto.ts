import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import { uuidRef } from './dto-common.ts';
import { relationTypes, type RelatedSummary } from './relations.service.ts';

export const createRelationBody = z.object({
  relation_type: z.enum(relationTypes),
  issues: z.array(uuidRef),
});

/** The SDK's `relations.delete` body (a commercial route of Plane, served here so relations can be undone). */
export const removeRelationBody = z.object({ related_issue: uuidRef });

const end = z.object({ project_id: z.uuid(), issue_id: z.uuid() });
export const relationListOut = z.object(
  Object.fromEntries(relationTypes.map((t) => [t, z.array(end)])) as Record<
    (typeof relationTypes)[number],
    z.ZodArray<typeof end>
  >,
);

export const relatedOut = z.object({
  id: z.uuid(),
  project_id: z.uuid(),
  sequence_id: z.number().int(),
  relation_type: z.enum(relationTypes),
  name: z.string(),
  type_id: z.uuid().nullable().optional(),
  is_epic: z.boolean().optional(),
  state_id: z.uuid(),
  priority: z.string(),
  created_by: z.uuid().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  updated_by: z.uuid().nullable(),
});

// Plane adds the work-item type to the summaries of the types stored from the other end.
const reverseTypes = new Set(['blocking', 'start_after', 'finish_after']);

/** A related item as the create response lists it: the other item, with the relation's own audit fields. */
export function toRelatedOut(s: RelatedSummary, timeZone: string) {
  return {
    id: s.item.id,
    project_id: s.item.projectId,
    sequence_id: s.item.sequenceId,
    relation_type: s.type,
    name: s.item.name,
    ...(reverseTypes.has(s.type) ? { type_id: s.item.typeId, is_epic: false } : {}),
    state_id: s.item.stateId,
    priority: s.item.priority,
    created_by: s.relation.createdBy,
    created_at: planeDateTime(s.relation.createdAt, timeZone),
    updated_at: planeDateTime(s.relation.updatedAt, timeZone),
    updated_by: s.relation.updatedBy,
  };
}
