import { can, type Role } from '@/lib/permissions.ts';
import { projectRoles, type Project } from '@/lib/plane-types.ts';

/**
 * Who may change a project's settings and features, as the server decides it: a project admin, or a project
 * member who is an admin of the workspace.
 */
export function canManageProject(project: Project, workspaceRole: Role): boolean {
  const role = project.member_role;
  if (role === null) return false;
  return role >= projectRoles.admin || can(workspaceRole, 'workspace.settings');
}
