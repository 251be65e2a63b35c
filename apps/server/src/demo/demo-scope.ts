import { planeRole, type WorkspaceAccess } from '../modules/identity/index.ts';
import type { ProjectRow, ProjectScope, WorkspaceScope } from '../modules/work/index.ts';
import type { ChangeContext } from '../platform/events/actor.ts';
import { people, type PeopleIds, type PersonKey } from './people.ts';

type WorkspaceRow = WorkspaceAccess['workspace'];

/** Who does what in the demo: each person acts as themselves, through the same services a request would use. */
export class DemoActors {
  readonly workspace: WorkspaceRow;
  readonly ids: PeopleIds;

  constructor(workspace: WorkspaceRow, ids: PeopleIds) {
    this.workspace = workspace;
    this.ids = ids;
  }

  /** A change by `person`, dated `at` (absent: now). */
  ctx(person: PersonKey, at?: Date): ChangeContext {
    return { actor: { type: 'user', id: this.ids[person] }, ...(at ? { at } : {}) };
  }

  workspaceScope(person: PersonKey): WorkspaceScope {
    return {
      workspace: this.workspace,
      userId: this.ids[person],
      workspaceRole: planeRole(people[person].role),
    };
  }

  projectScope(person: PersonKey, project: ProjectRow, projectRole: number | null): ProjectScope {
    return { ...this.workspaceScope(person), project, projectRole };
  }
}
