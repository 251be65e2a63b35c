import type { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { TaskReview } from './agents.schema.ts';

/** Seed 001's four kinds of agent. */
export type AgentRole = 'watcher' | 'executor' | 'coordinator' | 'analyst';

/** What an agent kind sees of the task it runs. */
export interface TaskContext {
  task: {
    id: string;
    workspaceId: string;
    type: string;
    input: Record<string, unknown>;
    /** The result of the run a person approved (apply step) or rejected (redraft); null on a first run. */
    previousOutput: Record<string, unknown> | null;
    /** Every approval and rejection so far, oldest first: a redraft reads the last rejection's reason here. */
    reviews: TaskReview[];
    revision: number;
    attempt: number;
    priority: number;
  };
  agent: { id: string; name: string; configuration: Record<string, unknown> };
  /** Aborted on timeout, cancellation, a lost claim or shutdown. */
  signal: AbortSignal;
  /**
   * Runs `effect` at most once per key for this task, however often the task runs: inside one transaction
   * with the record of the key, so a run that crashes before its commit leaves no effect and no record.
   * Effects outside the database should pass `idempotencyKey` on to the service they call.
   */
  performOnce<T>(key: string, effect: (tx: Db, idempotencyKey: string) => Promise<T>): Promise<T>;
  /** Direct assignment (seed 001): gives a task to another agent of this workspace, once per key. */
  assignTask(request: AssignRequest): Promise<{ taskId: string; agentId: string } | null>;
}

export interface AssignRequest {
  /** Idempotency key, unique within this task. */
  key: string;
  /** The agent to give it to; when absent, the first enabled agent of `agentType`. */
  agentId?: string;
  agentType: string;
  taskType: string;
  input: Record<string, unknown>;
  description?: string;
  priority?: number;
}

export interface ExecutionResult {
  output: Record<string, unknown>;
  /** Stop for a person before the task completes (also when the task itself asks for approval). */
  needsApproval?: boolean;
}

/** A run that must not be retried: bad input, a permanent refusal. Any other error is retried. */
export class PermanentTaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentTaskError';
  }
}

export interface AgentKind {
  /** The `agent_type` of agents of this kind. */
  type: string;
  role: AgentRole;
  description: string;
  capabilities: string[];
  /** The task types it takes, each with the shape of its input (checked when the task is created). */
  taskTypes: Record<string, z.ZodType<Record<string, unknown>>>;
  /** The agent's `configuration` (checked when it is created or configured). */
  configuration: z.ZodType<Record<string, unknown>>;
  /** Defaults for tasks of this kind when their creator does not say. */
  defaults?: { timeoutSeconds?: number; maxAttempts?: number; requiresApproval?: boolean };
  execute(context: TaskContext): Promise<ExecutionResult>;
  /** After a person approved the result: act on it (publish, post…). Without it, approval completes. */
  apply?(context: TaskContext): Promise<Record<string, unknown>>;
  /** Whether a rejection sends the task back to the agent with the reason (else rejection ends it). */
  redrafts?: boolean;
}

/** The agent kinds this server can run, keyed by agent_type. */
export class AgentKindRegistry {
  private readonly kinds = new Map<string, AgentKind>();

  register(kind: AgentKind): void {
    if (this.kinds.has(kind.type)) throw new Error(`agent kind ${kind.type} registered twice`);
    this.kinds.set(kind.type, kind);
  }

  get(type: string): AgentKind | undefined {
    return this.kinds.get(type);
  }

  list(): AgentKind[] {
    return [...this.kinds.values()];
  }
}
