import type { Logger } from 'pino';
import { AppError } from '../../platform/errors/app-error.ts';
import { systemContext } from '../../platform/events/actor.ts';
import type { AgentsService } from './agents.service.ts';
import { DAILY_STANDUP_TASK, STANDUP_AGENT_TYPE, standupSchedule } from './kinds/standup.ts';
import type { SchedulesRepository, ScheduledAgent } from './schedules.repository.ts';

/** The workspace's time zone (IANA), wired by the container from the identity module. */
export type WorkspaceTimeZone = (workspaceId: string) => Promise<string>;

/** What the wall clock of a zone shows at an instant. */
interface LocalTime {
  date: string;
  weekday: number;
  minutes: number;
  seconds: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MINUTE = 60_000;

/**
 * Creates each scheduled standup agent's daily task (scheduler role): once its local time in the workspace's
 * zone has reached `schedule_time` on a day it runs. The task's idempotency key names the agent and the local
 * date, and the database holds it unique per workspace, so any number of schedulers, ticks and restarts create
 * one task per agent and local day; a scheduler that was down at the hour creates it when it is back, that day.
 */
export class StandupScheduler {
  private readonly repo: SchedulesRepository;
  private readonly service: AgentsService;
  private readonly timeZoneOf: WorkspaceTimeZone;
  private readonly logger: Logger;

  constructor(deps: {
    repo: SchedulesRepository;
    service: AgentsService;
    timeZoneOf: WorkspaceTimeZone;
    logger: Logger;
  }) {
    this.repo = deps.repo;
    this.service = deps.service;
    this.timeZoneOf = deps.timeZoneOf;
    this.logger = deps.logger;
  }

  /** One look at the clock: the ids of the tasks this call created (not those another scheduler did). */
  async tick(now: Date): Promise<string[]> {
    const created: string[] = [];
    for (const agent of await this.repo.scheduledAgents(STANDUP_AGENT_TYPE)) {
      try {
        const id = await this.due(agent, now);
        if (id) created.push(id);
      } catch (error) {
        // One agent's trouble (deleted or disabled meanwhile, a bad zone) does not hold up the others.
        if (!(error instanceof AppError) && !(error instanceof RangeError)) throw error;
        this.logger.warn({ err: error, agent: agent.id }, 'scheduled standup not created');
      }
    }
    return created;
  }

  private async due(agent: ScheduledAgent, now: Date): Promise<string | undefined> {
    const schedule = standupSchedule(agent.configuration);
    if (!schedule) return undefined;
    const local = localTime(now, await this.timeZoneOf(agent.workspaceId));
    if (schedule.weekdaysOnly && (local.weekday === 0 || local.weekday === 6)) return undefined;
    const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
    const late = local.minutes - (hour * 60 + minute);
    if (late < 0) return undefined;
    // The window ends at the scheduled minute (not when this tick ran), so days tile without gaps.
    const until = new Date(now.getTime() - late * MINUTE - local.seconds * 1000);
    // Without weekend runs, Monday's standup reaches back to Friday's, so the weekend's changes are in one.
    const hours = schedule.weekdaysOnly && local.weekday === 1 ? 72 : 24;
    const { task, created } = await this.service.createTask(systemContext, agent.workspaceId, agent.id, {
      taskType: DAILY_STANDUP_TASK,
      input: { hours, until: until.toISOString() },
      description: `Daily standup for ${local.date}`,
      idempotencyKey: `standup:${agent.id}:${local.date}`,
    });
    return created ? task.id : undefined;
  }
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays.indexOf(parts.weekday!),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
}
