import { randomUUID } from 'node:crypto';
import type { TaskRow } from './agents.repository.ts';
import type { TaskStatus } from './agents.schema.ts';
import type { MessagesRepository } from './messages.repository.ts';
import type { TaskContext } from './registry.ts';

/** Seed 001's request-response and consensus patterns, for agent kinds that coordinate other agents. */

export interface AgentRequest {
  /** Unique within the asking task: the same key asks once however often the task runs. */
  key: string;
  agentType: string;
  agentId?: string;
  taskType: string;
  input: Record<string, unknown>;
  description?: string;
  priority?: number;
  /** How long to wait for the answer, counted from when the request was first sent. */
  timeoutMs: number;
}

export type AgentReply =
  | {
      status: 'answered';
      output: Record<string, unknown>;
      taskId: string;
      agentId: string;
      correlationId: string;
    }
  | { status: 'failed'; error: string; taskId: string; agentId: string; correlationId: string }
  | { status: 'timed_out'; taskId: string; agentId: string; correlationId: string }
  | { status: 'no_agent' };

const failedStatuses: TaskStatus[] = ['failed', 'rejected', 'cancelled', 'dead_letter'];

export interface ConversationsDeps {
  messages: MessagesRepository;
  findTask(workspaceId: string, id: string): Promise<TaskRow | undefined>;
  /** How often a waiting request looks at the other agent's task. */
  pollMs?: number;
}

/**
 * Request-response between agents over the durable runtime: the request is a task for the other agent (direct
 * assignment, once per key), the answer is that task's result, waited for until the deadline. The request and
 * the answer (or the timeout) are stored as agent messages sharing a correlation id. A run that crashes and
 * starts again finds the same task, the same deadline and, once recorded, the same answer.
 */
export class AgentConversations {
  private readonly deps: ConversationsDeps;

  constructor(deps: ConversationsDeps) {
    this.deps = deps;
  }

  async request(context: TaskContext, request: AgentRequest): Promise<AgentReply> {
    const assigned = await context.assignTask({
      key: `request:${request.key}`,
      agentId: request.agentId,
      agentType: request.agentType,
      taskType: request.taskType,
      input: request.input,
      description: request.description,
      priority: request.priority,
    });
    if (!assigned) return { status: 'no_agent' };
    const { workspaceId } = context.task;
    const sent = await context.performOnce(`message:request:${request.key}`, async (tx) => {
      const message = await this.deps.messages.with(tx).insert({
        id: randomUUID(),
        workspaceId,
        fromAgentId: context.agent.id,
        toAgentId: assigned.agentId,
        messageType: 'request',
        correlationId: randomUUID(),
        senderTaskId: context.task.id,
        taskId: assigned.taskId,
        payload: { task_type: request.taskType, timeout_ms: request.timeoutMs },
      });
      return { correlationId: message.correlationId, sentAt: message.sentAt.toISOString() };
    });
    const ids = { taskId: assigned.taskId, agentId: assigned.agentId, correlationId: sent.correlationId };
    const task = await this.waitForEnd(context, assigned.taskId, Date.parse(sent.sentAt) + request.timeoutMs);
    const reply: AgentReply =
      task?.status === 'completed'
        ? { status: 'answered', output: task.outputData ?? {}, ...ids }
        : task
          ? { status: 'failed', error: task.errorMessage ?? `The task ended ${task.status}.`, ...ids }
          : { status: 'timed_out', ...ids };
    // The first recorded answer stands: a later run gets it back rather than a different one.
    return context.performOnce(`message:reply:${request.key}`, async (tx) => {
      await this.deps.messages.with(tx).insert({
        id: randomUUID(),
        workspaceId,
        ...(reply.status === 'timed_out'
          ? { fromAgentId: context.agent.id, toAgentId: assigned.agentId, messageType: 'timeout' as const }
          : {
              fromAgentId: assigned.agentId,
              toAgentId: context.agent.id,
              messageType: reply.status === 'answered' ? ('response' as const) : ('error' as const),
            }),
        correlationId: sent.correlationId,
        senderTaskId: context.task.id,
        taskId: assigned.taskId,
        payload:
          reply.status === 'answered'
            ? reply.output
            : reply.status === 'failed'
              ? { error: reply.error }
              : { timeout_ms: request.timeoutMs },
      });
      return reply;
    });
  }

  /** The task once it ended (completed or failed for good), or undefined when the deadline passed first. */
  private async waitForEnd(
    context: TaskContext,
    taskId: string,
    deadline: number,
  ): Promise<TaskRow | undefined> {
    const pollMs = this.deps.pollMs ?? 100;
    for (;;) {
      const task = await this.deps.findTask(context.task.workspaceId, taskId);
      if (task && (task.status === 'completed' || failedStatuses.includes(task.status))) return task;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await sleep(Math.min(pollMs, left), context.signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One evaluator's opinion: for, against, or none (it did not answer in time, or could not judge). */
export interface Vote {
  voter: string;
  approve: boolean | null;
  reason: string;
}

/**
 * How the votes decide: `unanimous` — everyone voted and everyone is for; `majority` — more than half of all
 * voters are for; `veto` — nobody is against and at least one is for.
 */
export const consensusRules = ['unanimous', 'majority', 'veto'] as const;
export type ConsensusRule = (typeof consensusRules)[number];

export interface Consensus {
  approved: boolean;
  rule: ConsensusRule;
  for: number;
  against: number;
  abstained: number;
  votes: Vote[];
}

export function consensus(votes: Vote[], rule: ConsensusRule): Consensus {
  const tally = {
    for: votes.filter((v) => v.approve === true).length,
    against: votes.filter((v) => v.approve === false).length,
    abstained: votes.filter((v) => v.approve === null).length,
  };
  const approved =
    votes.length > 0 &&
    (rule === 'unanimous'
      ? tally.for === votes.length
      : rule === 'majority'
        ? tally.for * 2 > votes.length
        : tally.against === 0 && tally.for > 0);
  return { approved, rule, ...tally, votes };
}
