import { AppError } from '../../platform/errors/app-error.ts';
import type { NewProject } from './projects.repository.ts';

/** Project fields a client may write (Plane's names). */
export interface ProjectInput {
  name?: string;
  identifier?: string;
  description?: string;
  default_assignee?: string | null;
  project_lead?: string | null;
  emoji?: string | null;
  icon_prop?: unknown;
  module_view?: boolean;
  cycle_view?: boolean;
  issue_views_view?: boolean;
  page_view?: boolean;
  intake_view?: boolean;
  is_time_tracking_enabled?: boolean;
  is_issue_type_enabled?: boolean;
  guest_view_all_features?: boolean;
  cover_image?: string | null;
  estimate?: string | null;
  default_state?: string | null;
  archive_in?: number;
  close_in?: number;
  timezone?: string;
  external_source?: string | null;
  external_id?: string | null;
}

export const projectColumns = {
  name: 'name',
  identifier: 'identifier',
  description: 'description',
  default_assignee: 'defaultAssigneeId',
  project_lead: 'projectLeadId',
  emoji: 'emoji',
  icon_prop: 'iconProp',
  module_view: 'moduleView',
  cycle_view: 'cycleView',
  issue_views_view: 'issueViewsView',
  page_view: 'pageView',
  intake_view: 'intakeView',
  is_time_tracking_enabled: 'isTimeTrackingEnabled',
  is_issue_type_enabled: 'isIssueTypeEnabled',
  guest_view_all_features: 'guestViewAllFeatures',
  cover_image: 'coverImage',
  estimate: 'estimateId',
  default_state: 'defaultStateId',
  archive_in: 'archiveIn',
  close_in: 'closeIn',
  timezone: 'timezone',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const satisfies Partial<Record<keyof ProjectInput, keyof NewProject>>;

// Plane refuses these in names and identifiers alike, `-` and `.` included.
const forbidden = /[&+,:;$^}{*=?@#|'<>.()%!-]/;

export function normalizeNames(input: ProjectInput): { name?: string; identifier?: string } {
  const values: { name?: string; identifier?: string } = {};
  if (input.name !== undefined) {
    if (forbidden.test(input.name)) throw specialCharacters('name');
    values.name = input.name;
  }
  if (input.identifier !== undefined) {
    const identifier = input.identifier.trim().toUpperCase();
    if (forbidden.test(identifier)) throw specialCharacters('identifier');
    values.identifier = identifier;
  }
  return values;
}

function specialCharacters(field: 'name' | 'identifier'): AppError {
  return new AppError('VALIDATION_FAILED', {
    field: 'non_field_errors',
    message: `Project ${field} cannot contain special characters.`,
  });
}

export function invalidEstimate(): AppError {
  return new AppError('VALIDATION_FAILED', {
    field: 'estimate',
    message: 'Estimate not found in this project.',
  });
}
