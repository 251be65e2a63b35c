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

/**
 * The agent kinds the server installs (apps/server/src/modules/agents/kinds), with the task each takes and
 * an example input, so people need not know the wire format to try one.
 */
export const agentKinds: Array<{
  type: string;
  label: string;
  description: string;
  taskType: string;
  exampleInput: Record<string, unknown>;
}> = [
  {
    type: 'code_review',
    label: 'Code review',
    description:
      'Reviews a unified diff for secrets, dangerous calls, SQL injection, missing tests and size.',
    taskType: 'review_diff',
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
  {
    type: 'security',
    label: 'Security triage',
    description: 'Triages security findings into remediation steps; a person signs the triage off.',
    taskType: 'security_review',
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
];

export const kindLabel = (type: string) => agentKinds.find((k) => k.type === type)?.label ?? type;
