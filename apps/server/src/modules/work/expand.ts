import type { PeopleDirectory, Person, WorkspaceRef } from './directory.ts';
import { toUserLite } from './dto-common.ts';
import type { EstimatesRepository } from './estimates.repository.ts';
import { toEstimatePointOut } from './estimates.dto.ts';
import type { LabelsRepository } from './labels.repository.ts';
import { toLabelOut } from './labels.dto.ts';
import type { ProjectsRepository } from './projects.repository.ts';
import type { StatesRepository } from './states.repository.ts';
import type { WorkItemsRepository } from './work-items.repository.ts';
import { toWorkItemOut } from './work-items.dto.ts';

type Json = Record<string, unknown>;

const userFields = new Set([
  'created_by',
  'updated_by',
  'actor',
  'owned_by',
  'project_lead',
  'default_assignee',
  'user',
  'members',
  'assignees',
]);

export interface ExpandRepos {
  people: PeopleDirectory;
  states: StatesRepository;
  projects: ProjectsRepository;
  workItems: WorkItemsRepository;
  labels: LabelsRepository;
  estimates: EstimatesRepository;
}

/**
 * `expand=` (contract §1.6): for each requested name that is a field of the objects, its id (or id list) is
 * replaced by the nested object, loaded once for the whole page. Other names leave the id as it is.
 */
export class Expander {
  private readonly repos: ExpandRepos;

  constructor(repos: ExpandRepos) {
    this.repos = repos;
  }

  async apply(objects: Json[], keys: Set<string>, workspace: WorkspaceRef, timeZone: string): Promise<void> {
    const first = objects[0];
    if (!first) return;
    for (const key of keys) {
      if (!Object.hasOwn(first, key)) continue;
      const ids = [
        ...new Set(objects.flatMap((o) => [o[key]].flat()).filter((v): v is string => typeof v === 'string')),
      ];
      const nested = await this.load(key, ids, workspace, timeZone);
      if (!nested) continue;
      for (const object of objects) {
        const value = object[key];
        object[key] = Array.isArray(value)
          ? value.map((id: string) => nested.get(id)).filter(Boolean)
          : typeof value === 'string'
            ? (nested.get(value) ?? null)
            : value;
      }
    }
  }

  private async load(
    key: string,
    ids: string[],
    workspace: WorkspaceRef,
    timeZone: string,
  ): Promise<Map<string, unknown> | undefined> {
    const { states, projects, workItems, labels } = this.repos;
    if (userFields.has(key)) return this.people(workspace, ids);
    switch (key) {
      case 'workspace':
        return new Map([[workspace.id, { id: workspace.id, name: workspace.name, slug: workspace.slug }]]);
      case 'state':
        return byId(await states.findByIds(ids), (s) => ({
          id: s.id,
          name: s.name,
          color: s.color,
          group: s.group,
        }));
      case 'project':
        return byId(await projects.findByIds(workspace.id, ids), (p) => ({
          id: p.id,
          identifier: p.identifier,
          name: p.name,
          cover_image: p.coverImage,
          icon_prop: p.iconProp ?? null,
          emoji: p.emoji,
          description: p.description,
          cover_image_url: p.coverImage,
        }));
      case 'parent':
        return byId(await workItems.findByIds(ids), (i) => ({
          id: i.id,
          sequence_id: i.sequenceId,
          project_id: i.projectId,
        }));
      case 'issue':
        return byId(await workItems.findByIds(ids), (i) => toWorkItemOut(i, timeZone));
      case 'labels':
        return byId(await labels.findByIds(ids), (l) => toLabelOut(l, timeZone));
      case 'estimate_point':
        return byId(await this.repos.estimates.findPointsByIds(ids), (p) => toEstimatePointOut(p, timeZone));
      default:
        return undefined;
    }
  }

  private async people(workspace: WorkspaceRef, ids: string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, Person>(
      (await this.repos.people.workspaceMembers(workspace)).map((p) => [p.id, p]),
    );
    for (const id of ids.filter((i) => !found.has(i))) {
      const person = await this.repos.people.user(id);
      if (person) found.set(id, person);
    }
    return new Map(ids.filter((id) => found.has(id)).map((id) => [id, toUserLite(found.get(id)!)]));
  }
}

function byId<T extends { id: string }>(rows: T[], shape: (row: T) => unknown): Map<string, unknown> {
  return new Map(rows.map((row) => [row.id, shape(row)]));
}
