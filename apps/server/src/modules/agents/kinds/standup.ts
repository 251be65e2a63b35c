import { z } from 'zod';
import { recordChange } from '../../../platform/events/outbox.ts';
import { PermanentTaskError, type AgentKind } from '../registry.ts';
import { writeFor, writtenBy, type Writer } from './writing.ts';

export const STANDUP_AGENT_TYPE = 'standup';
export const DAILY_STANDUP_TASK = 'daily_standup';
const SUMMARY_TASK = 'standup.summary';
const HOUR = 3_600_000;

/** One change from the workspace's audit trail, with the person's name resolved. */
export interface StandupActivity {
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Reads what happened in a workspace in a time window (wired by the container; agents own no such table). */
export type StandupSource = (
  workspaceId: string,
  window: { since: Date; until: Date },
) => Promise<StandupActivity[]>;

const standupInput = z.strictObject({
  /** The window's length, ending at `until` (default now). */
  hours: z.number().int().min(1).max(168).default(24),
  until: z.iso.datetime({ offset: true }).optional(),
  project_id: z.uuid().optional(),
});

interface ItemLine {
  ref: string;
  name: string;
}

export interface PersonDigest {
  name: string;
  created: ItemLine[];
  moved: ItemLine[];
  updated: ItemLine[];
  deleted: ItemLine[];
  comments: number;
  /** Other changes by kind of object (projects, labels, members…). */
  other: Record<string, number>;
}

const itemOf = (a: StandupActivity): ItemLine => {
  const s = (a.after ?? a.before ?? {}) as { name?: string; sequence_id?: number };
  return { ref: s.sequence_id ? `#${s.sequence_id}` : a.objectId.slice(0, 8), name: s.name ?? 'an item' };
};
const changed = (a: StandupActivity, field: string) =>
  JSON.stringify(a.before?.[field] ?? null) !== JSON.stringify(a.after?.[field] ?? null);

/** Groups the window's changes by person: items created, moved (state), otherwise updated, deleted, comments. */
export function digest(activity: StandupActivity[], projectId?: string): PersonDigest[] {
  const people = new Map<string, PersonDigest>();
  for (const a of activity) {
    // Asking agents for work is not work to report.
    if (a.actorId === null || a.objectType.startsWith('agent')) continue;
    const snapshot = (a.after ?? a.before ?? {}) as { project_id?: string; work_item_id?: string };
    if (projectId && a.objectType === 'work_item' && snapshot.project_id !== projectId) continue;
    const person =
      people.get(a.actorId) ??
      ({
        name: a.actorName,
        created: [],
        moved: [],
        updated: [],
        deleted: [],
        comments: 0,
        other: {},
      } satisfies PersonDigest);
    people.set(a.actorId, person);
    if (a.objectType === 'work_item') {
      const item = itemOf(a);
      const add = (list: ItemLine[]) => {
        if (!list.some((i) => i.ref === item.ref && i.name === item.name)) list.push(item);
      };
      if (!a.before) add(person.created);
      else if (!a.after) add(person.deleted);
      else if (changed(a, 'state_id')) add(person.moved);
      else add(person.updated);
    } else if (a.objectType === 'work_item_comment') person.comments += 1;
    else person.other[a.objectType] = (person.other[a.objectType] ?? 0) + 1;
  }
  return [...people.values()].sort((x, y) => x.name.localeCompare(y.name));
}

const list = (items: ItemLine[]) => items.map((i) => `${i.ref} ${i.name}`).join(', ');

/** The offline standup: one line per person, what they created, moved, updated and commented on. */
function summaryTemplate(raw: Record<string, unknown>): string {
  const d = raw as { window: string; people: PersonDigest[] };
  if (d.people.length === 0) return `Standup (${d.window}): no changes in this workspace.`;
  const lines = d.people.map((p) => {
    const parts = [
      p.created.length ? `created ${p.created.length} (${list(p.created)})` : '',
      p.moved.length ? `moved ${p.moved.length} (${list(p.moved)})` : '',
      p.updated.length ? `updated ${p.updated.length} (${list(p.updated)})` : '',
      p.deleted.length ? `deleted ${p.deleted.length} (${list(p.deleted)})` : '',
      p.comments ? `wrote ${p.comments} comment(s)` : '',
      Object.keys(p.other).length
        ? `also changed ${Object.entries(p.other)
            .map(([type, n]) => `${n} ${type.replace(/_/g, ' ')}(s)`)
            .join(', ')}`
        : '',
    ].filter(Boolean);
    return `- ${p.name}: ${parts.join('; ')}.`;
  });
  return [`Standup (${d.window}):`, ...lines].join('\n');
}

/**
 * Seed 001's standup agent: what each person did in the workspace in the last day (or the given window),
 * read from the audit trail, summarised by the model and posted once as a `standup.posted` event.
 */
export function standupKind(writer: Writer, source: StandupSource | undefined): AgentKind {
  writer.templates.register(SUMMARY_TASK, summaryTemplate);
  return {
    type: STANDUP_AGENT_TYPE,
    role: 'analyst',
    description: "Summarises each person's changes in the workspace over the last day and posts the standup.",
    capabilities: ['summarise_activity', 'post_standup'],
    taskTypes: { [DAILY_STANDUP_TASK]: standupInput },
    configuration: z.strictObject({}),
    defaults: { timeoutSeconds: 120, maxAttempts: 3 },
    async execute(context) {
      if (!source) throw new PermanentTaskError('This server has no activity source for standups.');
      const input = standupInput.parse(context.task.input);
      const until = input.until ? new Date(input.until) : new Date();
      const since = new Date(until.getTime() - input.hours * HOUR);
      const activity = await source(context.task.workspaceId, { since, until });
      const people = digest(activity, input.project_id);
      const window = `${since.toISOString().slice(0, 16).replace('T', ' ')} – ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      const written = await writeFor(writer, context, {
        task: SUMMARY_TASK,
        instructions:
          'You write a team standup from the changes below: one line per person saying what they created, ' +
          'moved, updated and commented on, by item reference and name. No praise, no invented work.',
        input: { window, people },
        maxOutputTokens: 800,
      });
      const posted = await context.performOnce('post', async (tx) => {
        const at = new Date().toISOString();
        await recordChange(
          tx,
          { actor: { type: 'agent', id: context.agent.id } },
          {
            workspaceId: context.task.workspaceId,
            action: 'standup.posted',
            objectType: 'agent_task',
            objectId: context.task.id,
            after: { text: written.text },
            payload: {
              text: written.text,
              since: since.toISOString(),
              until: until.toISOString(),
              posted_at: at,
            },
          },
        );
        return { posted_at: at };
      });
      return {
        output: {
          since: since.toISOString(),
          until: until.toISOString(),
          people,
          changes: activity.length,
          text: written.text,
          written_by: writtenBy(written),
          posted_at: posted.posted_at,
        },
      };
    },
  };
}
