import type { WorkspaceRole } from './identity.schema.ts';

/**
 * The one permission matrix (seed 001's, with the guest read-only role). Routes name a permission;
 * nothing else in the code compares roles.
 */
export const permissions = {
  'workspace.view': ['owner', 'admin', 'member', 'guest'],
  'workspace.contribute': ['owner', 'admin', 'member'],
  'integrations.manage': ['owner', 'admin', 'member'],
  'agents.spawn': ['owner', 'admin', 'member'],
  'agent_tasks.approve': ['owner', 'admin', 'member'],
  'social.publish': ['owner', 'admin', 'member'],
  'workspace.settings': ['owner', 'admin'],
  'members.manage': ['owner', 'admin'],
  'workspace.delete': ['owner'],
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: WorkspaceRole | undefined, permission: Permission): boolean {
  return role !== undefined && (permissions[permission] as readonly WorkspaceRole[]).includes(role);
}

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(permissions, name);
}

const rank: Record<WorkspaceRole, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

/** Who may hand out or take away a role: owners any role; admins up to admin, and never touch an owner. */
export function canAssignRole(
  actor: WorkspaceRole,
  from: WorkspaceRole | undefined,
  to: WorkspaceRole,
): boolean {
  if (!can(actor, 'members.manage')) return false;
  if (actor === 'owner') return true;
  return rank[to] <= rank.admin && (from === undefined || rank[from] <= rank.admin);
}

/** Plane's integer role for a workspace role (owners are admins there). */
export function planeRole(role: WorkspaceRole): 20 | 15 | 5 {
  return role === 'guest' ? 5 : role === 'member' ? 15 : 20;
}
