import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import {
  auditOut,
  auditTimes,
  dateField,
  externalFields,
  itemLinkOut,
  requiredText,
  toItemLinkOut,
  uuidRef,
} from './dto-common.ts';
import type { ModuleItemRow, ModuleRecord } from './work-modules.repository.ts';
import { moduleStatuses } from './work-modules.schema.ts';

const json = z.record(z.string(), z.unknown());

const writable = {
  description: z.string().optional(),
  description_text: z.unknown().optional(),
  description_html: z.unknown().optional(),
  start_date: dateField.nullable().optional(),
  target_date: dateField.nullable().optional(),
  status: z.enum(moduleStatuses).optional(),
  lead: uuidRef.nullable().optional(),
  members: z.array(uuidRef).optional(),
  view_props: json.optional(),
  logo_props: json.optional(),
  sort_order: z.number().optional(),
  ...externalFields,
};

export const createModuleBody = z.object({ name: requiredText(255), ...writable });
export const updateModuleBody = z.object({ name: requiredText(255).optional(), ...writable });

export const moduleOut = z.object({
  ...auditOut,
  total_issues: z.number().int(),
  cancelled_issues: z.number().int(),
  completed_issues: z.number().int(),
  started_issues: z.number().int(),
  unstarted_issues: z.number().int(),
  backlog_issues: z.number().int(),
  name: z.string(),
  description: z.string(),
  description_text: z.unknown(),
  description_html: z.unknown(),
  start_date: z.string().nullable(),
  target_date: z.string().nullable(),
  status: z.enum(moduleStatuses),
  view_props: json,
  sort_order: z.number(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  archived_at: z.string().nullable(),
  logo_props: json,
  project: z.uuid(),
  workspace: z.uuid(),
  lead: z.uuid().nullable(),
  members: z.array(z.uuid()),
});

/** Plane's module serializer, as list and detail reads show it: with the counts of its work items. */
export function toModuleOut(m: ModuleRecord, timeZone: string) {
  return {
    total_issues: m.stats.total,
    cancelled_issues: m.stats.cancelled,
    completed_issues: m.stats.completed,
    started_issues: m.stats.started,
    unstarted_issues: m.stats.unstarted,
    backlog_issues: m.stats.backlog,
    ...toModuleWriteOut(m, timeZone),
  };
}

/** Create and update responses carry no counts (as in Plane). */
export const moduleWriteOut = moduleOut.partial({
  total_issues: true,
  cancelled_issues: true,
  completed_issues: true,
  started_issues: true,
  unstarted_issues: true,
  backlog_issues: true,
});
export function toModuleWriteOut(m: ModuleRecord, timeZone: string) {
  return {
    id: m.id,
    ...auditTimes(m, timeZone),
    name: m.name,
    description: m.description,
    description_text: m.descriptionText ?? null,
    description_html: m.descriptionHtml ?? null,
    start_date: m.startDate,
    target_date: m.targetDate,
    status: m.status,
    view_props: m.viewProps as Record<string, unknown>,
    sort_order: m.sortOrder,
    external_source: m.externalSource,
    external_id: m.externalId,
    archived_at: planeDateTime(m.archivedAt, timeZone),
    logo_props: m.logoProps as Record<string, unknown>,
    created_by: m.createdBy,
    updated_by: m.updatedBy,
    project: m.projectId,
    workspace: m.workspaceId,
    lead: m.leadId,
    members: m.memberIds,
  };
}

export const moduleItemOut = z.object({ ...itemLinkOut, module: z.uuid() });

export function toModuleItemOut(l: ModuleItemRow, timeZone: string) {
  return { ...toItemLinkOut(l, timeZone), module: l.moduleId };
}
