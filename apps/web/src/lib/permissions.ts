/**
 * What a role may do, to hide controls a person cannot use. It mirrors the server's one matrix
 * (apps/server/src/modules/identity/policy.ts, documented in docs/api.md); the server enforces it anyway.
 */
export const roles = ['owner', 'admin', 'member', 'guest'] as const;
export type Role = (typeof roles)[number];

const matrix = {
  'workspace.view': ['owner', 'admin', 'member', 'guest'],
  'workspace.contribute': ['owner', 'admin', 'member'],
  'workspace.settings': ['owner', 'admin'],
  'members.manage': ['owner', 'admin'],
  'workspace.delete': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof matrix;

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && (matrix[permission] as readonly Role[]).includes(role);
}

const rank: Record<Role, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

/** Owners hand out any role; admins up to admin, and never touch an owner. */
export function canAssignRole(actor: Role | undefined, from: Role | undefined, to: Role): boolean {
  if (!actor || !can(actor, 'members.manage')) return false;
  if (actor === 'owner') return true;
  return rank[to] <= rank.admin && (from === undefined || rank[from] <= rank.admin);
}

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  guest: 'Guest',
};

export const roleDescriptions: Record<Role, string> = {
  owner: 'Everything, including deleting the workspace',
  admin: 'Manage members and settings',
  member: 'Create and change work',
  guest: 'Read only',
};
