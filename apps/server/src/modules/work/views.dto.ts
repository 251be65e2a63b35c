import { z } from 'zod';
import { auditOut, auditTimes, requiredText, text } from './dto-common.ts';
import type { ViewRow } from './views.repository.ts';

/** What a view may group (and sub-group) its work items by. */
export const groupByChoices = [
  'state',
  'state_group',
  'priority',
  'labels',
  'assignees',
  'cycle',
  'module',
  'parent',
  'created_by',
  'target_date',
] as const;

const display = z.object({
  group_by: z.enum(groupByChoices).nullable().optional(),
  sub_group_by: z.enum(groupByChoices).nullable().optional(),
});
/** The list filters as JSON: each a string (comma-separated) or a list of strings; see work-item-filters.ts. */
const filters = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const writable = {
  description: text(2000).optional(),
  filters: filters.optional(),
  order_by: text(64).optional(),
  display: display.optional(),
};

export const createViewBody = z.object({ name: requiredText(255), ...writable });
export const updateViewBody = z.object({ name: requiredText(255).optional(), ...writable });
export type ViewInput = z.infer<typeof updateViewBody>;

export const viewOut = z.object({
  ...auditOut,
  name: z.string(),
  description: z.string(),
  filters: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  order_by: z.string(),
  display: z.object({ group_by: z.string().nullable(), sub_group_by: z.string().nullable() }),
  owned_by: z.uuid(),
  project: z.uuid().nullable(),
  workspace: z.uuid(),
});

export function toViewOut(v: ViewRow, timeZone: string) {
  return {
    id: v.id,
    ...auditTimes(v, timeZone),
    created_by: v.createdBy,
    updated_by: v.updatedBy,
    name: v.name,
    description: v.description,
    filters: v.filters,
    order_by: v.orderBy,
    display: { group_by: v.display.group_by ?? null, sub_group_by: v.display.sub_group_by ?? null },
    owned_by: v.ownedBy,
    project: v.projectId,
    workspace: v.workspaceId,
  };
}
