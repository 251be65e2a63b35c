import type { Logger } from 'pino';
import { AppError } from '../../platform/errors/app-error.ts';
import type { TaskEffects } from './effects.ts';
import { PermanentTaskError, type AgentKind, type TaskContext } from './registry.ts';
import type { Outcome, Run } from './run.ts';

class TimeoutError extends Error {
  constructor(seconds: number) {
    super(`Timed out after ${seconds} s.`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs the agent kind's step for one run, outside any transaction, bounded by the task's timeout and stopped by
 * cancellation or a lost claim. Never throws: whatever happens becomes an outcome.
 */
export class RunExecutor {
  private readonly effects: TaskEffects;
  private readonly logger: Logger;
  /** Runs of this process, so a cancellation made here stops them at once (others stop at their heartbeat). */
  private readonly local = new Map<string, AbortController>();

  constructor(effects: TaskEffects, logger: Logger) {
    this.effects = effects;
    this.logger = logger;
  }

  abortLocal(taskId: string): void {
    this.local.get(taskId)?.abort(new Error('The task was cancelled.'));
  }

  async execute(run: Run, jobSignal: AbortSignal): Promise<Outcome> {
    const { task, kind } = run;
    if (!kind) {
      return {
        kind: 'failed',
        error: `No agent kind "${run.agent.agentType}" is installed.`,
        permanent: true,
      };
    }
    const controller = new AbortController();
    const timeout = task.timeoutSeconds;
    const timer = setTimeout(() => controller.abort(new TimeoutError(timeout)), timeout * 1000);
    const onJobAbort = () => controller.abort(jobSignal.reason);
    jobSignal.addEventListener('abort', onJobAbort, { once: true });
    this.local.set(task.id, controller);
    try {
      return await this.step(run, kind, this.contextFor(run, controller.signal));
    } catch (error) {
      const permanent =
        error instanceof PermanentTaskError || (error instanceof AppError && error.status < 500);
      if (!permanent && !(error instanceof TimeoutError)) {
        this.logger.warn({ err: error, task: task.id, attempt: run.attempt }, 'agent task run failed');
      }
      return { kind: 'failed', error: messageOf(error), permanent };
    } finally {
      clearTimeout(timer);
      jobSignal.removeEventListener('abort', onJobAbort);
      if (this.local.get(task.id) === controller) this.local.delete(task.id);
    }
  }

  private async step(run: Run, kind: AgentKind, context: TaskContext): Promise<Outcome> {
    if (run.step === 'apply') {
      const applied = kind.apply ? await untilAborted(kind.apply(context), context.signal) : {};
      return { kind: 'succeeded', output: { ...run.task.outputData, applied }, needsApproval: false };
    }
    const result = await untilAborted(kind.execute(context), context.signal);
    const needsApproval = Boolean(result.needsApproval) || run.task.requiresHumanApproval;
    return { kind: 'succeeded', output: result.output, needsApproval };
  }

  private contextFor(run: Run, signal: AbortSignal): TaskContext {
    const { task, agent } = run;
    return {
      task: {
        id: task.id,
        workspaceId: task.workspaceId,
        type: task.taskType,
        input: task.inputData,
        previousOutput: task.outputData ?? null,
        reviews: task.reviews,
        revision: task.revision,
        attempt: run.attempt,
        priority: task.priority,
      },
      agent: { id: agent.id, name: agent.name, configuration: agent.configuration },
      signal,
      performOnce: (key, effect) => this.effects.performOnce(run, key, effect),
      assignTask: (request) => this.effects.assign(run, request),
    };
  }
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work may go on, but nobody waits for it). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}
