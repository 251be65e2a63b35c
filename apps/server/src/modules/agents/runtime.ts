import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../../platform/db/database.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { JobRun } from '../../platform/jobs/job-queue.ts';
import type { AgentRow, AgentsRepository, TaskRow } from './agents.repository.ts';
import type { RunExecutor } from './execute.ts';
import { agentContext, owns, stepOf, type Outcome, type Run } from './run.ts';
import type { TaskFlow, TaskJobData } from './task-flow.ts';
import { backoffSeconds, isFinal } from './task-lifecycle.ts';

/** How long a task waits before asking again when its agent is at its concurrency limit. */
const BUSY_RETRY_MS = 1000;

/** Thrown to roll back a fast path that met something only the careful path handles. */
class LookCloser extends Error {}

/** What one transaction of the runtime works with: the task and its agent, both locked, in that order. */
interface Locked {
  tx: Db;
  repo: AgentsRepository;
  ctx: ChangeContext;
  task: TaskRow;
  agent: AgentRow;
}

/**
 * Runs agent tasks from the queue. Each job is one run: `begin` claims the task in a transaction (or parks,
 * defers or drops the job), the agent kind works outside any transaction, and `finish` records the outcome in
 * another. A run that crashes is run again by the queue; a job that no longer matches its task (superseded by
 * a retry, cancelled, deleted) does nothing.
 *
 * The common run (a waiting task of an enabled agent with a free slot, that succeeds) takes a fast path: the
 * task row is changed by one conditional UPDATE instead of being read under lock first, and the agent row,
 * locked after it, gets one write that takes or gives back a slot of its `running_tasks` counter. Anything
 * else (recovery, the apply step, a full or disabled agent, a failure) goes the careful way.
 */
export class AgentRuntime {
  private readonly repo: AgentsRepository;
  private readonly transactor: Transactor;
  private readonly flow: TaskFlow;
  private readonly executor: RunExecutor;
  /** Stamped on the tasks this process runs (host:pid:instance), so people can see who runs what. */
  private readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(repo: AgentsRepository, transactor: Transactor, flow: TaskFlow, executor: RunExecutor) {
    this.repo = repo;
    this.transactor = transactor;
    this.flow = flow;
    this.executor = executor;
  }

  /** The queue handler of one task job. */
  async run(job: JobRun<TaskJobData>): Promise<void> {
    const started = await this.startWaiting(job.id, job.data.taskId);
    const run = started === 'look closer' ? await this.begin(job.id, job.data.taskId) : started;
    if (!run) return;
    const outcome = await this.executor.execute(run, job.signal);
    if (run.step === 'execute' && outcome.kind === 'succeeded') await this.succeeded(run, outcome);
    else await this.finish(run, outcome);
  }

  /** The dead-letter queue's handler: the queue gave up on a job (its workers kept dying); so does the task. */
  async deadLettered(job: JobRun<TaskJobData>): Promise<void> {
    await this.locked(job.data.taskId, async (locked) => {
      if (locked.task.jobId !== job.data.jobId || isFinal(locked.task.status)) return;
      await this.end(locked, 'dead_letter', 'The workers running this task stopped too many times.');
    });
  }

  /** Fast path of `begin`: a waiting task whose agent has a free slot. */
  private async startWaiting(jobId: string, taskId: string): Promise<Run | undefined | 'look closer'> {
    try {
      return await this.transactor.run(async (tx) => {
        const repo = this.repo.with(tx);
        const task = await repo.startWaiting(taskId, jobId, this.workerId);
        if (!task) throw new LookCloser();
        const ctx = agentContext(task);
        // The task's event before the agent's row: every task start and end of the agent queues on that row
        // lock, so it is taken by the last statement before the commit.
        await this.flow.note(tx, ctx, task, 'started', { attempt: task.attempts }, 'pending');
        const agent = await repo.takeSlot(task);
        if (!agent) throw new LookCloser();
        const working =
          agent.status === 'working' ? agent : await repo.updateAgent(agent.id, { status: 'working' });
        if (agent.status !== 'working') await this.flow.noteAgent(tx, ctx, agent, 'working');
        const kind = this.flow.kinds.get(agent.agentType);
        return {
          jobId,
          task,
          agent: working,
          kind,
          step: 'execute',
          attempt: task.attempts,
          startedAt: Date.now(),
        };
      });
    } catch (error) {
      if (error instanceof LookCloser) return 'look closer';
      throw error;
    }
  }

  /** `finish` for an execute run that succeeded, without reading the task under lock first. */
  private async succeeded(run: Run, outcome: Extract<Outcome, { kind: 'succeeded' }>): Promise<void> {
    const to = outcome.needsApproval ? 'needs_approval' : 'completed';
    const final = to === 'completed';
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const owner = {
        taskId: run.task.id,
        jobId: run.jobId,
        attempt: run.attempt,
        from: 'in_progress' as const,
      };
      const ended = await repo.settleOwned(owner, {
        status: to,
        runMs: run.task.runMs + (Date.now() - run.startedAt),
        workerId: null,
        outputData: outcome.output,
        errorMessage: null,
        jobId: null,
        nextRunAt: null,
        ...(final ? { completedAt: new Date() } : {}),
      });
      // Cancelled, timed out or taken over meanwhile: whoever did that has recorded it.
      if (!ended) return;
      if (final && ended.createdByAgentId) await repo.completeCollaborations(ended.id);
      const ctx = agentContext(ended);
      // As in `startWaiting`: the agent's row last.
      await this.flow.note(tx, ctx, ended, to, {}, 'in_progress');
      const { agent, status } = await this.flow.releaseSlot(repo, ended);
      if (status !== agent.status) await this.flow.noteAgent(tx, ctx, agent, status);
    });
  }

  private begin(jobId: string, taskId: string): Promise<Run | undefined> {
    return this.locked(taskId, async (locked) => {
      const { tx, repo, ctx, task, agent } = locked;
      const step = stepOf(task);
      if (task.jobId !== jobId || !step) return undefined;
      if (agent.status === 'disabled') return this.park(locked);
      if (task.attempts >= task.maxAttempts) {
        await this.end(
          locked,
          'dead_letter',
          `Gave up after ${task.attempts} attempts; the last one never finished.`,
        );
        return undefined;
      }
      if (step === 'execute' && task.status === 'pending' && (await this.atCapacity(repo, task, agent))) {
        // Still due while it waits for a slot, so lower priorities fetched meanwhile count it ahead of them.
        const retryAt = new Date(Date.now() + BUSY_RETRY_MS);
        await this.flow.enqueue(tx, repo, task, agent, retryAt, task.nextRunAt ?? new Date());
        return undefined;
      }
      const attempt = task.attempts + 1;
      const started = await this.claim(locked, {
        attempts: attempt,
        workerId: this.workerId,
        startedAt: task.startedAt ?? new Date(),
      });
      const working =
        step === 'execute'
          ? await this.flow.moveAgent(tx, repo, ctx, agent, 'working', {
              currentTaskId: task.id,
              lastActiveAt: new Date(),
            })
          : agent;
      const kind = this.flow.kinds.get(agent.agentType);
      return { jobId, task: started, agent: working, kind, step, attempt, startedAt: Date.now() };
    });
  }

  private async finish(run: Run, outcome: Outcome): Promise<void> {
    await this.locked(run.task.id, async (locked) => {
      if (!owns(locked.task, run)) return;
      const runMs = locked.task.runMs + (Date.now() - run.startedAt);
      const ended = await this.record(locked, outcome, runMs);
      if (run.step === 'execute' || isFinal(ended.status)) {
        await this.flow.afterTask(locked.tx, locked.repo, locked.ctx, locked.agent, ended);
      }
    });
  }

  /** Runs `work` in a transaction holding the task's row and then its agent's; nothing when the task is gone. */
  private locked<T>(
    taskId: string,
    work: (locked: Locked) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    return this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const task = await repo.lockTask(taskId);
      if (!task) return undefined;
      const agent = (await repo.lockAgent(task.agentId))!;
      return work({ tx, repo, ctx: agentContext(task), task, agent });
    });
  }

  /** A disabled agent's task keeps its place without a job; enabling the agent queues it again. */
  private async park({ tx, repo, ctx, task }: Locked): Promise<undefined> {
    if (task.status === 'in_progress') {
      await this.flow.move(tx, repo, ctx, task, 'pending', { jobId: null }, { action: 'parked' });
    } else {
      await repo.updateTask(task.id, { jobId: null });
    }
    return undefined;
  }

  /**
   * Starts a run: a waiting task goes in progress; one still in progress had a run that never reported back
   * (its worker died), so this is its next attempt; an approved one starts applying its result.
   */
  private async claim(
    { tx, repo, ctx, task }: Locked,
    patch: Pick<TaskRow, 'attempts' | 'workerId' | 'startedAt'>,
  ): Promise<TaskRow> {
    const details = { attempt: patch.attempts };
    if (task.status === 'pending') {
      return this.flow.move(tx, repo, ctx, task, 'in_progress', patch, { action: 'started', details });
    }
    const updated = await repo.updateTask(task.id, patch);
    const recovered = task.status === 'in_progress';
    await this.flow.note(tx, ctx, updated, recovered ? 'started' : 'applying', {
      ...details,
      ...(recovered ? { recovered } : {}),
    });
    return updated;
  }

  /** Running tasks plus due tasks that come first already fill the agent's slots. */
  private async atCapacity(repo: AgentsRepository, task: TaskRow, agent: AgentRow): Promise<boolean> {
    const running = await repo.countRunning(agent.id, task.id);
    if (running >= agent.maxConcurrency) return true;
    return running + (await repo.countAhead(task, new Date())) >= agent.maxConcurrency;
  }

  /** Dead-letters a task no run will finish, with the agent's bookkeeping. */
  private async end({ tx, repo, ctx, task, agent }: Locked, to: 'dead_letter', error: string) {
    const patch = { errorMessage: error, workerId: null };
    const details = { attempts: task.attempts };
    const ended = await this.flow.move(tx, repo, ctx, task, to, patch, { action: 'dead_lettered', details });
    await this.flow.afterTask(tx, repo, ctx, agent, ended);
  }

  private async record(locked: Locked, outcome: Outcome, runMs: number): Promise<TaskRow> {
    const { tx, repo, ctx, task } = locked;
    if (outcome.kind === 'succeeded') {
      const to = outcome.needsApproval ? 'needs_approval' : 'completed';
      const patch = {
        runMs,
        workerId: null,
        outputData: outcome.output,
        errorMessage: null,
        jobId: null,
        nextRunAt: null,
      };
      return this.flow.move(tx, repo, ctx, task, to, patch, { action: to });
    }
    if (outcome.permanent || task.attempts >= task.maxAttempts) {
      const to = outcome.permanent ? 'failed' : 'dead_letter';
      const patch = { runMs, workerId: null, errorMessage: outcome.error };
      const action = outcome.permanent ? 'failed' : 'dead_lettered';
      return this.flow.move(tx, repo, ctx, task, to, patch, { action, details: { attempts: task.attempts } });
    }
    return this.scheduleRetry(locked, outcome.error, runMs);
  }

  /** Back to waiting (or to the approved step), with a new job due after the backoff. */
  private async scheduleRetry({ tx, repo, ctx, task, agent }: Locked, error: string, runMs: number) {
    const runAt = new Date(Date.now() + backoffSeconds(task.retryBackoffSeconds, task.attempts) * 1000);
    const details = { attempt: task.attempts, error, next_run_at: runAt.toISOString() };
    const patch = { runMs, workerId: null, errorMessage: error };
    let waiting: TaskRow;
    if (task.status === 'in_progress') {
      waiting = await this.flow.move(tx, repo, ctx, task, 'pending', patch, {
        action: 'retry_scheduled',
        details,
      });
    } else {
      waiting = await repo.updateTask(task.id, patch);
      await this.flow.note(tx, ctx, waiting, 'retry_scheduled', details);
    }
    if (agent.status === 'disabled') return repo.updateTask(task.id, { jobId: null, nextRunAt: runAt });
    return this.flow.enqueue(tx, repo, waiting, agent, runAt);
  }
}
