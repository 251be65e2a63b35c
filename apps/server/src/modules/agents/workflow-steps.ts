import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';

/** The steps of a workflow definition, as clients write them (snake_case JSON), and the built-in actions. */
const stepKey = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and underscores, starting with a letter');
const jsonObject = z.record(z.string(), z.unknown());
const retry = z.strictObject({
  max_attempts: z.number().int().min(1).max(20),
  backoff_seconds: z.number().int().min(1).max(3600).default(10),
});
const base = {
  key: stepKey,
  name: z.string().trim().min(1).max(200).optional(),
  /** A non-blocking step starts and the execution goes on; its failure does not fail the execution. */
  blocking: z.boolean().default(true),
};

const agentStep = z.strictObject({
  ...base,
  type: z.literal('agent'),
  agent_id: z.uuid(),
  task_type: z.string().min(1).max(100),
  input: jsonObject.default({}),
  priority: z.number().int().min(1).max(10).optional(),
  timeout_seconds: z.number().int().min(1).max(21_600).optional(),
  retry: retry.optional(),
});
const actionStep = z.strictObject({
  ...base,
  type: z.literal('action'),
  action: z.string().min(1).max(100),
  input: jsonObject.default({}),
  retry: retry.optional(),
});
const approvalStep = z.strictObject({
  ...base,
  type: z.literal('approval'),
  message: z.string().trim().min(1).max(500).optional(),
});
const eventStep = z.strictObject({
  ...base,
  type: z.literal('event'),
  event_type: z
    .string()
    .max(100)
    .regex(/^[a-z][a-z0-9_.]*$/, 'use a domain event type such as agent_task.completed'),
  /** Paths into `{aggregate_id, aggregate_type, payload}` and the values they must equal. */
  match: z
    .record(z.string().max(200), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .default({}),
  timeout_seconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .optional(),
});
const sleepStep = z.strictObject({
  ...base,
  type: z.literal('sleep'),
  seconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400),
});

const leafStep = z.discriminatedUnion('type', [agentStep, actionStep, approvalStep, eventStep, sleepStep]);
const parallelStep = z.strictObject({
  ...base,
  type: z.literal('parallel'),
  steps: z.array(leafStep).min(1).max(20),
});

export const stepDefinition = z.discriminatedUnion('type', [
  agentStep,
  actionStep,
  approvalStep,
  eventStep,
  sleepStep,
  parallelStep,
]);
export const stepsDefinition = z
  .array(stepDefinition)
  .min(1)
  .max(50)
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    const check = (key: string, path: (string | number)[]) => {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `the step key ${key} is used twice` });
      seen.add(key);
    };
    steps.forEach((step, i) => {
      check(step.key, [i, 'key']);
      if (step.type === 'parallel')
        step.steps.forEach((child, j) => check(child.key, [i, 'steps', j, 'key']));
    });
  });

export type StepDefinition = z.infer<typeof stepDefinition>;
export type LeafStep = z.infer<typeof leafStep>;
export type AgentStep = z.infer<typeof agentStep>;
export type ActionStep = z.infer<typeof actionStep>;
export type EventStep = z.infer<typeof eventStep>;

/** Every step of a definition, groups first and then their members, in the order they appear. */
export function flatten(steps: StepDefinition[]): Array<{ step: StepDefinition; parentKey: string | null }> {
  return steps.flatMap((step) => [
    { step, parentKey: null },
    ...(step.type === 'parallel' ? step.steps.map((child) => ({ step: child, parentKey: step.key })) : []),
  ]);
}

/** What `{{ … }}` templates in step inputs can read: the execution's input and finished steps' outputs. */
export interface TemplateScope {
  input: Record<string, unknown>;
  steps: Record<string, { output: Record<string, unknown> | null; status: string }>;
}

const whole = /^\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}$/;
const inline = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

/**
 * Replaces templates in a JSON value: a string that is one template becomes the value it names (any type, null
 * when absent); templates inside a longer string are written in as text.
 */
export function resolveTemplates(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') {
    const single = whole.exec(value);
    if (single) return lookup(scope, single[1]!) ?? null;
    return value.replace(inline, (_m, path: string) => {
      const found = lookup(scope, path);
      if (found === undefined || found === null) return '';
      return typeof found === 'object' ? JSON.stringify(found) : String(found as string | number);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTemplates(v, scope)]));
  }
  return value;
}

export function hasTemplates(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('{{');
}

/** The value at a dotted path, or undefined. */
export function lookup(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Whether every path of `match` holds its value in the event. */
export function eventMatches(
  event: { aggregateId: string; aggregateType: string; payload: Record<string, unknown> },
  match: Record<string, unknown>,
): boolean {
  const subject = {
    aggregate_id: event.aggregateId,
    aggregate_type: event.aggregateType,
    payload: event.payload,
  };
  return Object.entries(match).every(([path, expected]) => {
    const actual = lookup(subject, path);
    return actual === expected || (expected === null && actual === undefined);
  });
}

/** What a built-in action gets: the transaction that also checkpoints its step, so its effect happens once. */
export interface ActionContext {
  tx: Db;
  ctx: ChangeContext;
  workspaceId: string;
  executionId: string;
  stepKey: string;
  attempt: number;
  input: Record<string, unknown>;
}

export interface WorkflowAction {
  name: string;
  description: string;
  input: z.ZodType<Record<string, unknown>>;
  /** Runs inside the step's checkpoint transaction (in a savepoint): throwing undoes whatever it wrote. */
  run(context: ActionContext): Promise<Record<string, unknown>>;
}

/** The built-in actions this server offers to workflow steps, by name. */
export class WorkflowActionRegistry {
  private readonly actions = new Map<string, WorkflowAction>();

  register(action: WorkflowAction): void {
    if (this.actions.has(action.name)) throw new Error(`workflow action ${action.name} registered twice`);
    this.actions.set(action.name, action);
  }

  get(name: string): WorkflowAction | undefined {
    return this.actions.get(name);
  }

  names(): string[] {
    return [...this.actions.keys()];
  }
}

/** Emits a `workflow.signal` domain event (audited), which other workflows and subscribers can wait for. */
export const emitEventAction: WorkflowAction = {
  name: 'emit_event',
  description: 'Emits a workflow.signal domain event with a name and data.',
  input: z.strictObject({
    name: z
      .string()
      .max(100)
      .regex(/^[a-z][a-z0-9_.]*$/, 'use lower-case letters, digits, dots and underscores'),
    data: jsonObject.default({}),
  }),
  async run({ tx, ctx, workspaceId, executionId, stepKey, input }) {
    const payload = { name: input.name, data: input.data, execution_id: executionId, step_key: stepKey };
    await recordChange(tx, ctx, {
      workspaceId,
      action: 'workflow.signal',
      objectType: 'workflow_execution',
      objectId: executionId,
      after: { name: input.name },
      payload,
    });
    return { event: 'workflow.signal', name: input.name as string };
  },
};

/** Makes its input the step's output: names a value for later steps' templates. */
export const setOutputAction: WorkflowAction = {
  name: 'set_output',
  description: 'Sets the step output to its input `output` (templates resolved).',
  input: z.strictObject({ output: jsonObject }),
  async run({ input }) {
    return input.output as Record<string, unknown>;
  },
};

/** A gate: the step (and, when blocking, the execution) fails with `message` unless the two values are equal. */
export const expectValueAction: WorkflowAction = {
  name: 'expect_value',
  description: 'Fails with `message` unless `actual` equals `expected` (templates resolved); a gate.',
  input: z.strictObject({
    actual: z.unknown(),
    expected: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    message: z.string().max(2000).optional(),
  }),
  async run({ input }) {
    if (input.actual === input.expected) return { value: input.actual };
    const message = (input.message as string | undefined) || '';
    throw new Error(
      message || `Expected ${JSON.stringify(input.expected)}, got ${JSON.stringify(input.actual ?? null)}.`,
    );
  },
};
