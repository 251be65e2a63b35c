import type { IntakeOutcome, Notification, NotificationChange } from '../api/get-notifications.ts';

/** Names the history uses for fields, as a sentence says them. */
const fieldNames: Record<string, string> = {
  name: 'title',
  description: 'description',
  priority: 'priority',
  state: 'state',
  start_date: 'start date',
  target_date: 'due date',
  estimate_point: 'estimate',
  labels: 'labels',
  assignees: 'assignees',
  parent: 'parent',
  draft: 'draft status',
};

const relationFields = new Set([
  'blocked_by',
  'blocking',
  'relates_to',
  'duplicate',
  'start_before',
  'start_after',
  'finish_before',
  'finish_after',
]);

function list(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function membership(change: NotificationChange, group: string): string {
  if (change.verb === 'deleted') return `removed from ${group} ${change.old_value ?? ''}`.trim();
  return `added to ${group} ${change.new_value ?? ''}`.trim();
}

/** What happened to the item, e.g. "assigned you to", "moved … into cycle Sprint 3"; or what a project got. */
export function whatHappened(n: Notification): string {
  switch (n.kind) {
    case 'assigned':
      return 'assigned you to';
    case 'mentioned':
      return n.data.comment ? 'mentioned you in a comment on' : 'mentioned you in';
    case 'comment':
      return 'commented on';
    case 'subscribed_change':
      return changeText(n);
    case 'intake':
      return intakeOutcomes[n.data.intake?.outcome ?? 'pending'];
    case 'standup':
      return 'Standup for';
    case 'deployment':
      return 'Deployment in';
  }
}

/** Who speaks in a project-level notification, which no person sent; undefined for the others. */
export function projectPoster(n: Notification): string | undefined {
  if (n.kind === 'standup') return 'Standup agent';
  if (n.kind === 'deployment') return 'Deployment pipeline';
  return undefined;
}

/** What a triage decision on an intake submission did, as a sentence says it before the item. */
const intakeOutcomes: Record<IntakeOutcome, string> = {
  accepted: 'accepted the intake submission',
  declined: 'declined the intake submission',
  snoozed: 'snoozed the intake submission',
  duplicate: 'marked as a duplicate the intake submission',
  pending: 'moved back to pending the intake submission',
};

function changeText(n: Notification): string {
  const fields = n.data.fields ?? [];
  const first = n.data.changes?.[0];
  if (fields.includes('deleted')) return 'deleted';
  if (fields.includes('archived_at') && fields.length === 1) return n.data.archived ? 'archived' : 'restored';
  if (first?.field === 'cycles') return `${membership(first, 'cycle')}:`;
  if (first?.field === 'modules') return `${membership(first, 'module')}:`;
  if (fields.length > 0 && fields.every((f) => relationFields.has(f))) return 'changed the relations of';
  const named = fields.map((f) => fieldNames[f]).filter((f): f is string => f !== undefined);
  return named.length > 0 ? `changed the ${list(named)} of` : 'changed';
}
