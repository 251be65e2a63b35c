import type { ActivityEntry } from '../api/get-activity.ts';

export type NameOf = (userId: string | null | undefined) => string;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One audit entry as a sentence without its subject ("invited ada@… as member"). */
export function describe(entry: ActivityEntry, nameOf: NameOf): string {
  const { before, after } = entry;
  switch (entry.action) {
    case 'workspace.created':
      return `created the workspace${text(after?.name) ? ` “${text(after?.name)}”` : ''}`;
    case 'workspace.updated':
      return after?.name && after.name !== before?.name
        ? `renamed the workspace to “${text(after.name)}”`
        : 'changed the workspace settings';
    case 'workspace.member.added':
      return after?.user_id === entry.actor.id
        ? `joined as ${text(after?.role)}`
        : `added ${nameOf(text(after?.user_id))} as ${text(after?.role)}`;
    case 'workspace.member.role_changed':
      return `changed ${nameOf(text(after?.user_id))}’s role from ${text(before?.role)} to ${text(after?.role)}`;
    case 'workspace.member.removed':
      return `removed ${nameOf(text(before?.user_id))} from the workspace`;
    case 'workspace.member.left':
      return 'left the workspace';
    case 'workspace.invitation.created':
      return `invited ${text(after?.email)} as ${text(after?.role)}`;
    case 'workspace.invitation.revoked':
      return `withdrew the invitation for ${text(before?.email)}`;
    case 'workspace.invitation.accepted':
      return `accepted an invitation and joined as ${text(after?.role)}`;
    case 'api_token.created':
      return `created the API token “${text(after?.label)}”`;
    case 'api_token.revoked':
      return `revoked the API token “${text(before?.label)}”`;
    default:
      return entry.action.replaceAll('_', ' ').replaceAll('.', ' › ');
  }
}

/** Who did it: a person ("You" for the viewer), a person through an API key, an agent, a webhook or the system. */
export function actorName(entry: ActivityEntry, nameOf: NameOf, selfId?: string): string {
  const { type, id, on_behalf_of } = entry.actor;
  if (type === 'user') return id === selfId ? 'You' : nameOf(id);
  if (type === 'api_key') return `${on_behalf_of === selfId ? 'You' : nameOf(on_behalf_of)} (API key)`;
  if (type === 'system') return 'Agency OS';
  return `${type.replaceAll('_', ' ')}${id ? ` ${id.slice(0, 8)}` : ''}`;
}
