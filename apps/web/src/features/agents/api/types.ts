/** Agents, tasks and workflow executions as /api/v1/workspaces/{slug}/… sends them (docs/api.md). */
export const agentStatuses = ['idle', 'working', 'error', 'disabled'] as const;
export type AgentStatus = (typeof agentStatuses)[number];

export const taskStatuses = [
  'pending',
  'in_progress',
  'needs_approval',
  'approved',
  'completed',
  'failed',
  'dead_letter',
  'rejected',
  'cancelled',
] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface Agent {
  id: string;
  name: string;
  agent_type: string;
  role: string | null;
  status: AgentStatus;
  capabilities: string[];
  configuration: Record<string, unknown>;
  max_concurrency: number;
  current_task_id: string | null;
  total_tasks_completed: number;
  total_tasks_failed: number;
  success_rate: number | null;
  average_duration_seconds: number | null;
  last_active_at: string | null;
  created_at: string;
}

export interface TaskReview {
  decision: 'approved' | 'rejected';
  reason: string | null;
  by: string | null;
  at: string;
}

export interface AgentTask {
  id: string;
  agent_id: string;
  parent_task_id: string | null;
  task_type: string;
  description: string | null;
  status: TaskStatus;
  priority: number;
  input_data: Record<string, unknown>;
  output_data: Record<string, unknown> | null;
  error_message: string | null;
  requires_human_approval: boolean;
  approved_by: string | null;
  approved_at: string | null;
  reviews: TaskReview[];
  revision: number;
  attempts: number;
  retry_count: number;
  max_attempts: number;
  next_run_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  created_by: string | null;
  created_by_agent_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  results: T[];
  total_count: number;
  next_cursor: string;
  next_page_results: boolean;
}

export type ExecutionStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

export interface ExecutionStep {
  key: string;
  name: string | null;
  type: 'agent' | 'action' | 'approval' | 'event' | 'sleep' | 'parallel';
  parent_key: string | null;
  blocking: boolean;
  status: StepStatus;
  attempts: number;
  max_attempts: number;
  task_id: string | null;
  wake_at: string | null;
  event_type: string | null;
  output: Record<string, unknown> | null;
  error: string | null;
  decision: TaskReview | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface WorkflowExecution {
  id: string;
  workflow_id: string | null;
  workflow_name: string;
  workflow_version: number;
  status: ExecutionStatus;
  input: Record<string, unknown>;
  error: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  steps: ExecutionStep[];
}

/** An agent kind as the server describes it (`GET …/agent-kinds`). */
export interface AgentKind {
  agent_type: string;
  role: string;
  description: string;
  capabilities: string[];
  requires_approval: boolean;
  task_types: Array<{ task_type: string; input_schema: JsonSchema }>;
}

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/**
 * Friendlier names, and a ready example input to try, for the kinds built into the server; other kinds get a
 * name from their type and an input skeleton from their schema.
 */
const kindPresets: Record<string, { label: string; exampleInput?: Record<string, unknown> }> = {
  code_review: {
    label: 'Code review',
    exampleInput: {
      title: 'Add the billing client',
      diff: [
        'diff --git a/src/billing.ts b/src/billing.ts',
        '--- a/src/billing.ts',
        '+++ b/src/billing.ts',
        '@@ -1,1 +1,2 @@',
        ' export const region = "eu";',
        '+export const apiKey = "sk_live_51Habcdefghijklmnopqrstuv";',
        '',
      ].join('\n'),
    },
  },
  security: {
    label: 'Security triage',
    exampleInput: {
      findings: [
        {
          rule: 'hardcoded_credential',
          severity: 'high',
          category: 'security',
          message: 'A password is written in the code.',
          file: 'src/db.ts',
          line: 3,
          evidence: null,
        },
      ],
    },
  },
};

const emptyOf: Record<string, unknown> = {
  string: '',
  number: 0,
  integer: 0,
  boolean: false,
  array: [],
  object: {},
};

/** The task type and an input to start from for an agent of this kind. */
export function exampleTask(kind: AgentKind | undefined): {
  taskType: string;
  input: Record<string, unknown>;
} {
  const first = kind?.task_types[0];
  if (!kind || !first) return { taskType: '', input: {} };
  const preset = kindPresets[kind.agent_type]?.exampleInput;
  if (preset) return { taskType: first.task_type, input: preset };
  const { properties = {}, required = [] } = first.input_schema;
  const input = Object.fromEntries(
    required.map((name) => [name, emptyOf[properties[name]?.type ?? 'string'] ?? '']),
  );
  return { taskType: first.task_type, input };
}

export const kindLabel = (type: string) => {
  const words = type.replace(/_/g, ' ');
  return kindPresets[type]?.label ?? words.charAt(0).toUpperCase() + words.slice(1);
};
