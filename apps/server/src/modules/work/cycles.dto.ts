import { z } from 'zod';
import { cycleStatuses, isTimeZone } from './cycle-dates.ts';
import { progressGroups } from './cycle-progress.ts';
import type { CycleBurndown, CycleRecord } from './cycles.service.ts';
import { cycleViews, type CycleLink } from './cycles.repository.ts';
import {
  auditOut,
  auditTimes,
  dateTimeField,
  externalFields,
  itemLinkOut,
  listQuery,
  requiredText,
  toItemLinkOut,
  uuidRef,
} from './dto-common.ts';
import { planeDateTime } from './plane/datetime.ts';

const json = z.record(z.string(), z.unknown());
const writable = {
  description: z.string().optional(),
  // A date or a datetime: only its date part counts (contract §2.12).
  start_date: dateTimeField.nullable().optional(),
  end_date: dateTimeField.nullable().optional(),
  owned_by: uuidRef.optional(),
  view_props: json.optional(),
  logo_props: json.optional(),
  sort_order: z.number().optional(),
  timezone: z
    .string()
    .refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not a valid choice.` })
    .optional(),
  ...externalFields,
};

// `project_id` is what Plane CE requires in the body; the project in the path is the one that counts.
export const createCycleBody = z.object({
  name: requiredText(255),
  project_id: uuidRef.optional(),
  ...writable,
});
export const updateCycleBody = z.object({ name: requiredText(255).optional(), ...writable });
export const cycleListQuery = listQuery.extend({
  cycle_view: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.string().optional()),
});
export const transferBody = z.object({ new_cycle_id: uuidRef.optional() });

export function cycleViewOf(value: string | undefined) {
  // Plane treats an unknown cycle_view as `all`.
  return (cycleViews as readonly string[]).includes(value ?? '')
    ? (value as (typeof cycleViews)[number])
    : 'all';
}

const counts = {
  total_issues: z.number().int().optional(),
  cancelled_issues: z.number().int().optional(),
  completed_issues: z.number().int().optional(),
  started_issues: z.number().int().optional(),
  unstarted_issues: z.number().int().optional(),
  backlog_issues: z.number().int().optional(),
  total_estimates: z.number().optional(),
  completed_estimates: z.number().optional(),
  started_estimates: z.number().optional(),
};

export const cycleOut = z.object({
  ...auditOut,
  ...counts,
  name: z.string(),
  description: z.string(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  view_props: json,
  sort_order: z.number(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  progress_snapshot: json,
  archived_at: z.string().nullable(),
  logo_props: json,
  timezone: z.string(),
  version: z.number().int(),
  project: z.uuid(),
  workspace: z.uuid(),
  owned_by: z.uuid(),
  /** Agency OS: derived from the dates (Plane's web app shows the same). */
  status: z.enum(cycleStatuses),
});

/** Plane's cycle serializer; the counts only on reads, the points only on the archived list. */
export function toCycleOut(r: CycleRecord, timeZone: string) {
  const c = r.cycle;
  const p = r.progress;
  return {
    id: c.id,
    ...(p
      ? {
          total_issues: p.total_items,
          cancelled_issues: p.groups.cancelled.items,
          completed_issues: p.groups.completed.items,
          started_issues: p.groups.started.items,
          unstarted_issues: p.groups.unstarted.items,
          backlog_issues: p.groups.backlog.items,
          ...(r.withEstimates
            ? {
                total_estimates: p.total_points,
                completed_estimates: p.groups.completed.points,
                started_estimates: p.groups.started.points,
              }
            : {}),
        }
      : {}),
    ...auditTimes(c, timeZone),
    name: c.name,
    description: c.description,
    start_date: planeDateTime(c.startDate, timeZone),
    end_date: planeDateTime(c.endDate, timeZone),
    view_props: c.viewProps,
    sort_order: c.sortOrder,
    external_source: c.externalSource,
    external_id: c.externalId,
    progress_snapshot: c.progressSnapshot,
    archived_at: planeDateTime(c.archivedAt, timeZone),
    logo_props: c.logoProps,
    timezone: c.timezone,
    version: c.version,
    created_by: c.createdBy,
    updated_by: c.updatedBy,
    project: c.projectId,
    workspace: c.workspaceId,
    owned_by: c.ownedBy,
    status: r.status,
  };
}

export const cycleLinkOut = z.object({ ...itemLinkOut, cycle: z.uuid() });

export function toCycleLinkOut(l: CycleLink, timeZone: string) {
  return { ...toItemLinkOut(l, timeZone), cycle: l.cycleId };
}

const tallyOut = z.object({ items: z.number().int(), points: z.number() });
export const progressOut = z.object({
  cycle_id: z.uuid(),
  status: z.enum(cycleStatuses),
  total_items: z.number().int(),
  total_points: z.number(),
  completed_items: z.number().int(),
  completed_points: z.number(),
  cancelled_items: z.number().int(),
  cancelled_points: z.number(),
  pending_items: z.number().int(),
  pending_points: z.number(),
  groups: z.object(
    Object.fromEntries(progressGroups.map((g) => [g, tallyOut])) as Record<
      (typeof progressGroups)[number],
      typeof tallyOut
    >,
  ),
});

const count = z.number().nullable();
export const burndownOut = z.object({
  cycle_id: z.uuid(),
  status: z.enum(cycleStatuses),
  time_zone: z.string(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  days: z.array(
    z.object({
      date: z.string(),
      scope_items: count,
      scope_points: count,
      pending_items: count,
      pending_points: count,
      completed_items: count,
      completed_points: count,
      ideal_items: z.number(),
      ideal_points: z.number(),
    }),
  ),
}) satisfies z.ZodType<CycleBurndown>;
