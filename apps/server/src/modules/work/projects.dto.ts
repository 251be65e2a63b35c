import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import { auditOut, auditTimes, externalFields, requiredText, text, uuidRef } from './dto-common.ts';
import type { ProjectWithStats } from './projects.repository.ts';

const timezone = z
  .string()
  .refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not a valid choice.` });
const month = z.number().int().min(0).max(12);

/** Any IANA name the runtime knows, aliases included (ICU lists Asia/Calcutta, people write Asia/Kolkata). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

const writable = {
  description: z.string().optional(),
  default_assignee: uuidRef.nullable().optional(),
  project_lead: uuidRef.nullable().optional(),
  icon_prop: z.unknown().optional(),
  module_view: z.boolean().optional(),
  cycle_view: z.boolean().optional(),
  issue_views_view: z.boolean().optional(),
  page_view: z.boolean().optional(),
  intake_view: z.boolean().optional(),
  is_time_tracking_enabled: z.boolean().optional(),
  is_issue_type_enabled: z.boolean().optional(),
  guest_view_all_features: z.boolean().optional(),
  cover_image: z.string().nullable().optional(),
  archive_in: month.optional(),
  close_in: month.optional(),
  timezone: timezone.optional(),
  ...externalFields,
};

export const createProjectBody = z.object({
  name: requiredText(255),
  identifier: requiredText(12),
  emoji: text().nullable().optional(),
  ...writable,
});

export const updateProjectBody = z.object({
  name: requiredText(255).optional(),
  identifier: requiredText(12).optional(),
  estimate: uuidRef.nullable().optional(),
  default_state: uuidRef.nullable().optional(),
  ...writable,
});

export const projectOut = z.object({
  ...auditOut,
  total_members: z.number().int(),
  total_cycles: z.number().int(),
  total_modules: z.number().int(),
  is_member: z.boolean(),
  member_role: z.number().int().nullable(),
  is_deployed: z.boolean(),
  cover_image_url: z.string().nullable(),
  sort_order: z.number().nullable().optional().describe('list responses only'),
  name: z.string(),
  description: z.string(),
  description_text: z.unknown(),
  description_html: z.unknown(),
  network: z.number().int(),
  identifier: z.string(),
  emoji: z.string().nullable(),
  icon_prop: z.unknown(),
  module_view: z.boolean(),
  cycle_view: z.boolean(),
  issue_views_view: z.boolean(),
  page_view: z.boolean(),
  intake_view: z.boolean(),
  is_time_tracking_enabled: z.boolean(),
  is_issue_type_enabled: z.boolean(),
  guest_view_all_features: z.boolean(),
  cover_image: z.string().nullable(),
  archive_in: z.number().int(),
  close_in: z.number().int(),
  logo_props: z.unknown(),
  archived_at: z.string().nullable(),
  timezone: z.string(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  workspace: z.uuid(),
  default_assignee: z.uuid().nullable(),
  project_lead: z.uuid().nullable(),
  cover_image_asset: z.uuid().nullable(),
  estimate: z.uuid().nullable(),
  default_state: z.uuid().nullable(),
});

/** Plane's project serializer; `sort_order` (the caller's own ordering) only appears in lists. */
export function toProjectOut(stats: ProjectWithStats, timeZone: string, listed = false) {
  const p = stats.project;
  return {
    id: p.id,
    total_members: stats.totalMembers,
    total_cycles: stats.totalCycles,
    total_modules: stats.totalModules,
    is_member: stats.memberRole !== null,
    member_role: stats.memberRole,
    is_deployed: false,
    cover_image_url: p.coverImage,
    ...(listed ? { sort_order: stats.sortOrder } : {}),
    ...auditTimes(p, timeZone),
    name: p.name,
    description: p.description,
    description_text: null,
    description_html: null,
    network: p.network,
    identifier: p.identifier,
    emoji: p.emoji,
    icon_prop: p.iconProp ?? null,
    module_view: p.moduleView,
    cycle_view: p.cycleView,
    issue_views_view: p.issueViewsView,
    page_view: p.pageView,
    intake_view: p.intakeView,
    is_time_tracking_enabled: p.isTimeTrackingEnabled,
    is_issue_type_enabled: p.isIssueTypeEnabled,
    guest_view_all_features: p.guestViewAllFeatures,
    cover_image: p.coverImage,
    archive_in: p.archiveIn,
    close_in: p.closeIn,
    logo_props: p.logoProps,
    archived_at: planeDateTime(p.archivedAt, timeZone),
    timezone: p.timezone,
    external_source: p.externalSource,
    external_id: p.externalId,
    created_by: p.createdBy,
    updated_by: p.updatedBy,
    workspace: p.workspaceId,
    default_assignee: p.defaultAssigneeId,
    project_lead: p.projectLeadId,
    cover_image_asset: null,
    estimate: p.estimateId,
    default_state: p.defaultStateId,
  };
}

export const projectSummaryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  identifier: z.string(),
  counts: z.record(z.string(), z.number().int()),
});

export const projectMemberBody = z.object({ member: uuidRef, role: z.literal([20, 15, 5]) });
export const projectMemberRoleBody = z.object({ role: z.literal([20, 15, 5]) });
export const projectMemberOut = z.object({ id: z.uuid(), member: z.uuid(), role: z.number().int() });
