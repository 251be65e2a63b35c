import type { ProjectMembersRepository } from './project-members.repository.ts';
import type { ProjectRow } from './projects.repository.ts';
import { ADMIN, MEMBER, type PlaneRole, type WorkspaceRef } from './directory.ts';

/**
 * Plane's project-level permission classes (contract §1.3), on top of the workspace check the access guard has
 * already made:
 * - `project` (ProjectBase on one project): reads for any workspace member, POST (archive) for workspace admins and
 *   members, other writes for a project admin or a project member who is a workspace admin;
 * - `entity` (ProjectEntity): reads for project members, writes for project admins and members;
 * - `lite` (ProjectLite): any project member, guests included;
 * - `labels` (ProjectMember): reads for a member of any project of the workspace, POST for workspace admins and
 *   members, other writes for project admins and members;
 * - `members` (project members): reads as `labels`, writes for project admins.
 */
export type ProjectRule = 'project' | 'entity' | 'lite' | 'labels' | 'members';

export interface ProjectScope {
  workspace: WorkspaceRef;
  project: ProjectRow;
  userId: string;
  workspaceRole: PlaneRole;
  /** The caller's active project role, or null when they are not an active member. */
  projectRole: number | null;
}

export interface WorkspaceScope {
  workspace: WorkspaceRef;
  userId: string;
  workspaceRole: PlaneRole;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function allows(
  rule: ProjectRule,
  method: string,
  roles: { workspace: PlaneRole; project: number | null },
  inAnyProject: () => Promise<boolean>,
): Promise<boolean> {
  const read = safeMethods.has(method);
  const project = roles.project;
  switch (rule) {
    case 'project':
      if (read) return true;
      if (method === 'POST') return roles.workspace >= MEMBER;
      return project === ADMIN || (project !== null && roles.workspace === ADMIN);
    case 'entity':
      return read ? project !== null : project !== null && project >= MEMBER;
    case 'lite':
      return project !== null;
    case 'labels':
      if (read) return inAnyProject();
      if (method === 'POST') return roles.workspace >= MEMBER;
      return project !== null && project >= MEMBER;
    case 'members':
      return read ? inAnyProject() : project === ADMIN;
  }
}

/** Loads the project and the caller's role in one query, then applies the rule before anything else is read. */
export class ProjectAccess {
  private readonly members: ProjectMembersRepository;

  constructor(members: ProjectMembersRepository) {
    this.members = members;
  }

  async check(
    rule: ProjectRule,
    method: string,
    scope: WorkspaceScope,
    where: { projectId: string } | { identifier: string },
  ): Promise<{ allowed: boolean; scope: ProjectScope | undefined }> {
    const found = await this.members.access(scope.workspace.id, where, scope.userId);
    const projectRole = found?.role ?? null;
    const allowed = await allows(rule, method, { workspace: scope.workspaceRole, project: projectRole }, () =>
      this.members.isInAnyProject(scope.workspace.id, scope.userId),
    );
    return { allowed, scope: found && { ...scope, project: found.project, projectRole } };
  }
}
