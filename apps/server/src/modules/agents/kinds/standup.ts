import { z } from 'zod';
import type { Db } from '../../../platform/db/database.ts';
import type { ChangeContext } from '../../../platform/events/actor.ts';
import { recordChange } from '../../../platform/events/outbox.ts';
import { PermanentTaskError, type AgentKind } from '../registry.ts';
import { standupTemplate, type ProjectNews } from './standup-text.ts';
import { writeFor, writtenBy, type Writer } from './writing.ts';

export const STANDUP_AGENT_TYPE = 'standup';
export const DAILY_STANDUP_TASK = 'daily_standup';
const PROJECT_TASK = 'standup.project';
const HOUR = 3_600_000;

/** A work item as a standup names it: `WEB-12 Login page`, in its state. */
export interface StandupItem {
  ref: string;
  name: string;
  state: string;
}

/** One project's news, as the work module reports it, with people's names resolved. */
export interface StandupProject {
  id: string;
  identifier: string;
  name: string;
  /** The project's active members: who the standup is for. */
  member_ids: string[];
  /** State changes of the window that did not end in a completed state: `from` → `state`. */
  moved: Array<StandupItem & { from: string | null; by: string[] }>;
  /** Items moved into a completed state in the window. */
  completed: Array<StandupItem & { by: string[] }>;
  blocked: Array<StandupItem & { blocked_by: StandupItem[] }>;
  stuck: Array<StandupItem & { idle_days: number; last_change_at: string }>;
  overdue: Array<StandupItem & { target_date: string; days_overdue: number }>;
}

export interface StandupQuery {
  since: Date;
  until: Date;
  stuckDays: number;
  projectId?: string;
}

/**
 * Reads a workspace's projects for a standup (wired by the container from the work module; agents own no such
 * table): what moved in the window, what is blocked, stuck or overdue at its end, in the workspace's zone.
 */
export type StandupSource = (
  workspaceId: string,
  query: StandupQuery,
) => Promise<{ timeZone: string; today: string; projects: StandupProject[] }>;

/** One project's standup, as its members' inboxes get it. */
export interface StandupNotice {
  workspaceId: string;
  projectId: string;
  agentId: string;
  taskId: string;
  text: string;
  since: string;
  until: string;
}

/**
 * Puts a standup in the inbox of each active member of its project, in the transaction `tx` (wired by the
 * container to the work module's notifications), so the post and its notifications commit together, once.
 * Answers who got it.
 */
export type StandupInbox = (tx: Db, ctx: ChangeContext, notice: StandupNotice) => Promise<string[]>;

const standupInput = z.strictObject({
  /** The window's length, ending at `until` (default now). */
  hours: z.number().int().min(1).max(168).default(24),
  until: z.iso.datetime({ offset: true }).optional(),
  project_id: z.uuid().optional(),
  /** A started item with no change for this many days is stuck. */
  stuck_days: z.number().int().min(1).max(90).default(3),
});

const configuration = z.strictObject({
  /** The local time (workspace's zone, `HH:MM`) the scheduler creates the daily task at; none when absent. */
  schedule_time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour local time such as 09:00')
    .optional(),
  /** `weekdays`: Monday to Friday in the workspace's zone; `every_day`: weekends too. */
  schedule_days: z.enum(['weekdays', 'every_day']).default('weekdays'),
});

/** The agent's daily schedule, or undefined when it only runs tasks made by hand. */
export function standupSchedule(
  config: Record<string, unknown>,
): { time: string; weekdaysOnly: boolean } | undefined {
  const parsed = configuration.safeParse(config);
  if (!parsed.success || !parsed.data.schedule_time) return undefined;
  return { time: parsed.data.schedule_time, weekdaysOnly: parsed.data.schedule_days === 'weekdays' };
}

const hasNews = (p: StandupProject) =>
  p.moved.length + p.completed.length + p.blocked.length + p.stuck.length + p.overdue.length > 0;

const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

interface Post {
  project_id: string;
  text: string;
  written_by: string;
}

/**
 * Seed 001's standup agent: per project, what moved in the last day (or the given window), what is blocked,
 * stuck or overdue, read from the projects' history and items; written by the model and posted once per
 * project with news: a `standup` notification to each of the project's members (with `inbox`) and a
 * `standup.posted` event on the project (the audit trail and the workspace's `events` channel).
 */
export function standupKind(
  writer: Writer,
  source: StandupSource | undefined,
  inbox?: StandupInbox,
): AgentKind {
  writer.templates.register(PROJECT_TASK, standupTemplate);
  return {
    type: STANDUP_AGENT_TYPE,
    role: 'analyst',
    description:
      'Per project: what moved in the last day, what is blocked, stuck or overdue; posts the standup.',
    capabilities: ['summarise_activity', 'post_standup'],
    taskTypes: { [DAILY_STANDUP_TASK]: standupInput },
    configuration,
    defaults: { timeoutSeconds: 120, maxAttempts: 3 },
    async execute(context) {
      if (!source) throw new PermanentTaskError('This server has no project source for standups.');
      const input = standupInput.parse(context.task.input);
      const until = input.until ? new Date(input.until) : new Date();
      const since = new Date(until.getTime() - input.hours * HOUR);
      const found = await source(context.task.workspaceId, {
        since,
        until,
        stuckDays: input.stuck_days,
        projectId: input.project_id,
      });
      const window = `${minute(since)} – ${minute(until)} UTC`;
      const drafts: Post[] = [];
      for (const project of found.projects.filter(hasNews)) {
        const news: ProjectNews = { window, today: found.today, stuck_days: input.stuck_days, project };
        const written = await writeFor(writer, context, {
          task: PROJECT_TASK,
          instructions:
            "You write a project's standup from the facts below, in five short sections (moved, completed, " +
            'blocked, stuck, overdue; leave out empty ones), naming items by reference and name. ' +
            'No praise, no advice, nothing that is not in the input.',
          input: news as unknown as Record<string, unknown>,
          maxOutputTokens: 800,
        });
        drafts.push({ project_id: project.id, text: written.text, written_by: writtenBy(written) });
      }
      // A run after a crash gets back what the first run posted, not a second post.
      const posted = await context.performOnce('post', async (tx, idempotencyKey) => {
        const at = new Date().toISOString();
        const ctx: ChangeContext = { actor: { type: 'agent', id: context.agent.id } };
        for (const draft of drafts) {
          const project = found.projects.find((p) => p.id === draft.project_id)!;
          const receivers = inbox
            ? await inbox(tx, ctx, {
                workspaceId: context.task.workspaceId,
                projectId: project.id,
                agentId: context.agent.id,
                taskId: context.task.id,
                text: draft.text,
                since: since.toISOString(),
                until: until.toISOString(),
              })
            : project.member_ids;
          await recordChange(tx, ctx, {
            workspaceId: context.task.workspaceId,
            action: 'standup.posted',
            objectType: 'project',
            objectId: project.id,
            after: { text: draft.text },
            payload: {
              project_id: project.id,
              task_id: context.task.id,
              receiver_ids: receivers,
              text: draft.text,
              since: since.toISOString(),
              until: until.toISOString(),
              posted_at: at,
              idempotency_key: `${idempotencyKey}:${project.id}`,
            },
          });
        }
        return { posted_at: at, posts: drafts };
      });
      const quiet = `Standup (${window}): nothing moved, and nothing is blocked, stuck or overdue.`;
      return {
        output: {
          since: since.toISOString(),
          until: until.toISOString(),
          today: found.today,
          time_zone: found.timeZone,
          stuck_days: input.stuck_days,
          projects: found.projects,
          posts: posted.posts,
          text: posted.posts.length ? posted.posts.map((p) => p.text).join('\n\n') : quiet,
          written_by: posted.posts[0]?.written_by ?? null,
          posted_at: posted.posts.length ? posted.posted_at : null,
        },
      };
    },
  };
}
