/**
 * Work-core resources as the Plane-compatible API sends them (snake_case, ids as strings), shared by the
 * projects and work-item features. Only the fields the web app reads are listed.
 */
export interface PlanePage<T> {
  total_count: number;
  next_cursor: string;
  next_page_results: boolean;
  results: T[];
}

export interface Project {
  id: string;
  name: string;
  identifier: string;
  description: string;
  emoji: string | null;
  total_members: number;
  is_member: boolean;
  member_role: number | null;
  archived_at: string | null;
  created_at: string;
  default_state: string | null;
  /** Features a project admin switches on in the project's settings. */
  cycle_view: boolean;
  module_view: boolean;
  is_time_tracking_enabled: boolean;
  /** The estimate linked to the project (its scale for work items' `estimate_point`). */
  estimate: string | null;
}

export type EstimateType = 'categories' | 'points' | 'time';

export interface Estimate {
  id: string;
  name: string;
  description: string;
  type: EstimateType;
}

export interface EstimatePoint {
  id: string;
  estimate: string;
  key: number;
  value: string;
  description: string;
}

export const stateGroups = ['backlog', 'unstarted', 'started', 'completed', 'cancelled'] as const;
export type StateGroup = (typeof stateGroups)[number];

export interface State {
  id: string;
  name: string;
  color: string;
  group: StateGroup;
  sequence: number;
  default: boolean;
}

export interface Label {
  id: string;
  name: string;
  color: string;
  parent: string | null;
}

export const priorities = ['urgent', 'high', 'medium', 'low', 'none'] as const;
export type Priority = (typeof priorities)[number];

export interface WorkItem {
  id: string;
  name: string;
  description_html: string;
  priority: Priority;
  state: string;
  parent: string | null;
  point: number | null;
  estimate_point: string | null;
  start_date: string | null;
  target_date: string | null;
  sequence_id: number;
  sort_order: number;
  completed_at: string | null;
  project: string;
  assignees: string[];
  labels: string[];
  created_at: string;
  updated_at: string;
  created_by: string | null;
}

export interface UserLite {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  avatar_url: string | null;
  display_name: string;
}

export interface Comment {
  id: string;
  comment_html: string;
  actor: string | null;
  created_at: string;
  edited_at: string | null;
}

export interface Link {
  id: string;
  title: string | null;
  url: string;
  created_at: string;
  created_by: string | null;
}

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string | string[]>;
  order_by: string;
  display: { group_by: string | null; sub_group_by: string | null };
  owned_by: string;
}

export interface Attachment {
  id: string;
  attributes: { name: string; type: string; size: number };
  is_uploaded: boolean;
  created_at: string;
  created_by: string | null;
}

export interface Activity {
  id: string;
  verb: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  comment: string;
  actor: string | null;
  created_at: string;
}

/** Plane's project roles. */
export const projectRoles = { admin: 20, member: 15, guest: 5 } as const;

export const cycleStatuses = ['current', 'upcoming', 'draft', 'completed'] as const;
export type CycleStatus = (typeof cycleStatuses)[number];

export interface Cycle {
  id: string;
  name: string;
  description: string;
  start_date: string | null;
  end_date: string | null;
  status: CycleStatus;
  owned_by: string;
  archived_at: string | null;
  progress_snapshot: Record<string, unknown>;
  total_issues?: number;
  completed_issues?: number;
  cancelled_issues?: number;
  started_issues?: number;
  unstarted_issues?: number;
  backlog_issues?: number;
}

export interface Tally {
  items: number;
  points: number;
}

export interface CycleProgress {
  cycle_id: string;
  status: CycleStatus;
  total_items: number;
  total_points: number;
  completed_items: number;
  cancelled_items: number;
  pending_items: number;
  groups: Record<StateGroup, Tally>;
}

export interface BurndownDay {
  date: string;
  scope_items: number | null;
  pending_items: number | null;
  completed_items: number | null;
  ideal_items: number;
  scope_points: number | null;
  pending_points: number | null;
  ideal_points: number;
}

export interface CycleBurndown {
  cycle_id: string;
  status: CycleStatus;
  time_zone: string;
  start_date: string | null;
  end_date: string | null;
  days: BurndownDay[];
}

export const moduleStatuses = [
  'backlog',
  'planned',
  'in-progress',
  'paused',
  'completed',
  'cancelled',
] as const;
export type ModuleStatus = (typeof moduleStatuses)[number];

export interface Module {
  id: string;
  name: string;
  description: string;
  status: ModuleStatus;
  start_date: string | null;
  target_date: string | null;
  lead: string | null;
  members: string[];
  archived_at: string | null;
  total_issues?: number;
  completed_issues?: number;
  cancelled_issues?: number;
  started_issues?: number;
  unstarted_issues?: number;
  backlog_issues?: number;
}

/** Minutes of work logged on a work item (Plane's commercial work-log object). */
export interface Worklog {
  id: string;
  description: string;
  duration: number;
  logged_by: string;
  created_at: string;
  updated_at: string;
}

export interface ItemTimeTotal {
  issue_id: string;
  duration: number;
}

export const relationTypes = [
  'blocking',
  'blocked_by',
  'duplicate',
  'relates_to',
  'start_before',
  'start_after',
  'finish_before',
  'finish_after',
] as const;
export type RelationType = (typeof relationTypes)[number];
export type Relations = Record<RelationType, Array<{ project_id: string; issue_id: string }>>;

/** A project membership as the add and role-change answers carry it (`id` is the membership's). */
export interface ProjectMembership {
  id: string;
  member: string;
  role: number;
}

/** An active membership as `P/memberships/` (Agency OS's own) lists it: the person and their project role. */
export interface ProjectMembershipWithPerson {
  id: string;
  member: UserLite;
  role: number;
}

/** A workspace member as `/api/v1/workspaces/{slug}/members/` lists them: a person and their workspace role. */
export interface WorkspaceMemberLite extends UserLite {
  role: number;
}
