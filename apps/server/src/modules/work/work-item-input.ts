import { AppError } from '../../platform/errors/app-error.ts';
import { sanitizeRichText, stripHtml } from './plane/html.ts';
import { MEMBER, type PeopleDirectory } from './directory.ts';
import type { EstimatesRepository } from './estimates.repository.ts';
import type { LabelsRepository } from './labels.repository.ts';
import type { ProjectScope } from './project-access.ts';
import type { ProjectMembersRepository } from './project-members.repository.ts';
import type { StateRow, StatesRepository } from './states.repository.ts';
import type { Priority } from './work-items.schema.ts';
import type { NewWorkItem, WorkItemRecord, WorkItemsRepository } from './work-items.repository.ts';

/** Work-item fields a client may write (Plane's names). `created_at`/`created_by` only count on create. */
export interface WorkItemInput {
  name?: string;
  description_html?: string;
  description_binary?: string | null;
  priority?: Priority;
  state?: string;
  parent?: string | null;
  estimate_point?: string | null;
  point?: number | null;
  start_date?: string | null;
  target_date?: string | null;
  sort_order?: number;
  archived_at?: string | null;
  is_draft?: boolean;
  type_id?: string | null;
  assignees?: string[];
  labels?: string[];
  external_source?: string | null;
  external_id?: string | null;
  created_at?: string;
  created_by?: string;
}

/** The checked input: column values plus the resolved state and the filtered assignee and label lists. */
export interface ResolvedInput {
  columns: Partial<NewWorkItem>;
  state: StateRow | undefined;
  assigneeIds: string[] | undefined;
  labelIds: string[] | undefined;
}

const invalidPk = (field: string, id: string) =>
  new AppError('VALIDATION_FAILED', { field, message: `Invalid pk "${id}" - object does not exist.` });
const nonField = (message: string) =>
  new AppError('VALIDATION_FAILED', { field: 'non_field_errors', message });

export interface ReferenceRepos {
  states: StatesRepository;
  workItems: WorkItemsRepository;
  labels: LabelsRepository;
  estimates: EstimatesRepository;
  members: ProjectMembersRepository;
  people: PeopleDirectory;
}

/**
 * Checks what a work-item write refers to, as Plane's serializer does: unknown ids are "Invalid pk", a state,
 * parent or estimate point of another project is refused, assignees and labels are quietly narrowed to those
 * the project allows (active members with role ≥ 15, the project's own labels). "Unknown" means unknown to this
 * workspace, so no answer tells whether an id exists in another tenant.
 */
export class WorkItemReferences {
  private readonly repos: ReferenceRepos;

  constructor(repos: ReferenceRepos) {
    this.repos = repos;
  }

  async resolve(scope: ProjectScope, input: WorkItemInput, current?: WorkItemRecord): Promise<ResolvedInput> {
    if (input.type_id) throw invalidPk('type_id', input.type_id);
    const start = input.start_date !== undefined ? input.start_date : (current?.startDate ?? null);
    const target = input.target_date !== undefined ? input.target_date : (current?.targetDate ?? null);
    if (start && target && start > target) throw nonField('Start date cannot exceed target date');
    const [state] = await Promise.all([
      input.state === undefined ? undefined : this.state(scope, input.state),
      input.parent ? this.checkParent(scope, input.parent, current) : undefined,
      input.estimate_point ? this.checkEstimatePoint(scope, input.estimate_point) : undefined,
      input.created_by && !current ? this.checkCreator(scope, input.created_by) : undefined,
    ]);
    return {
      columns: columnsOf(input, current === undefined),
      state,
      assigneeIds: input.assignees && (await this.assignees(scope, input.assignees)),
      labelIds: input.labels && (await this.labels(scope, input.labels)),
    };
  }

  /** The project's default assignee, when they may still be assigned. */
  async defaultAssignees(scope: ProjectScope): Promise<string[]> {
    const id = scope.project.defaultAssigneeId;
    if (!id) return [];
    return [...(await this.repos.members.activeWithRole(scope.project.id, [id], MEMBER))];
  }

  private async state(scope: ProjectScope, id: string): Promise<StateRow> {
    const state = await this.repos.states.find(scope.project.id, id);
    if (state) return state;
    if (await this.repos.states.existsInWorkspace(scope.workspace.id, id)) {
      throw nonField('State is not valid please pass a valid state_id');
    }
    throw invalidPk('state', id);
  }

  private async checkParent(
    scope: ProjectScope,
    id: string,
    current: WorkItemRecord | undefined,
  ): Promise<void> {
    const invalid = nonField('Parent is not valid issue_id please pass a valid issue_id');
    const parent = await this.repos.workItems.find(scope.project.id, id);
    if (!parent) {
      if (await this.repos.workItems.existsInWorkspace(scope.workspace.id, id)) throw invalid;
      throw invalidPk('parent', id);
    }
    if (current && (await this.repos.workItems.isSelfOrDescendant(current.id, id))) throw invalid;
  }

  /** A point of the project's (live) estimate; one of another project's estimate is refused as Plane does. */
  private async checkEstimatePoint(scope: ProjectScope, id: string): Promise<void> {
    const point = await this.repos.estimates.findLivePoint(scope.workspace.id, id);
    if (!point) throw invalidPk('estimate_point', id);
    if (point.projectId !== scope.project.id) {
      throw nonField('Estimate point is not valid please pass a valid estimate_point_id');
    }
  }

  private async checkCreator(scope: ProjectScope, userId: string): Promise<void> {
    const members = await this.repos.people.workspaceMembers(scope.workspace);
    if (!members.some((m) => m.id === userId)) throw invalidPk('created_by', userId);
  }

  /** People the workspace knows (members, and anyone ever in the project) are narrowed; others refused. */
  private async assignees(scope: ProjectScope, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const eligible = await this.repos.members.activeWithRole(scope.project.id, unique, MEMBER);
    const rest = unique.filter((id) => !eligible.has(id));
    if (rest.length > 0) {
      const known = new Set((await this.repos.people.workspaceMembers(scope.workspace)).map((m) => m.id));
      for (const id of rest) {
        if (!known.has(id) && !(await this.repos.members.findByUser(scope.project.id, id))) {
          throw invalidPk('assignees', id);
        }
      }
    }
    return unique.filter((id) => eligible.has(id));
  }

  /** Labels of other projects of the workspace are dropped; ids the workspace does not know are refused. */
  private async labels(scope: ProjectScope, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await this.repos.labels.findByIds(unique, scope.workspace.id);
    const missing = unique.find((id) => !found.some((l) => l.id === id));
    if (missing) throw invalidPk('labels', missing);
    const own = new Set(found.filter((l) => l.projectId === scope.project.id).map((l) => l.id));
    return unique.filter((id) => own.has(id));
  }
}

function columnsOf(input: WorkItemInput, creating: boolean): Partial<NewWorkItem> {
  const columns: Partial<NewWorkItem> = {};
  const set = <K extends keyof NewWorkItem>(key: K, value: NewWorkItem[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set('name', input.name);
  if (input.description_html !== undefined) {
    // Plane's HTML parser rejects an empty document; anything else is cleaned, never refused.
    if (input.description_html === '') throw nonField('Invalid HTML passed');
    set('descriptionHtml', sanitizeRichText(input.description_html));
    set('descriptionStripped', stripHtml(input.description_html));
  }
  set('descriptionBinary', input.description_binary);
  set('priority', input.priority);
  set('stateId', input.state);
  set('parentId', input.parent);
  set('estimatePointId', input.estimate_point);
  set('point', input.point);
  set('startDate', input.start_date);
  set('targetDate', input.target_date);
  set('sortOrder', input.sort_order);
  set('archivedAt', input.archived_at);
  set('isDraft', input.is_draft);
  set('typeId', input.type_id);
  set('externalSource', input.external_source);
  set('externalId', input.external_id);
  if (creating) {
    set('createdAt', input.created_at);
    set('createdBy', input.created_by);
  }
  return columns;
}
