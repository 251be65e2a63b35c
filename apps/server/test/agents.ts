import type { LightMyRequestResponse } from 'fastify';
import type { TestUser, TestWorkspace } from './factories.ts';
import type { TestApp } from './test-app.ts';

/** Polls `probe` until it returns something truthy; fails after `timeoutMs` (a bound, not a speed claim). */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface AgentJson {
  id: string;
  name: string;
  agent_type: string;
  status: string;
  max_concurrency: number;
  total_tasks_completed: number;
  total_tasks_failed: number;
  success_rate: number | null;
  average_duration_seconds: number | null;
  current_task_id: string | null;
  [key: string]: unknown;
}

export interface TaskJson {
  id: string;
  agent_id: string;
  parent_task_id: string | null;
  status: string;
  priority: number;
  attempts: number;
  max_attempts: number;
  output_data: Record<string, unknown> | null;
  error_message: string | null;
  reviews: Array<{ decision: string; reason: string | null; by: string | null }>;
  revision: number;
  next_run_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  duration_seconds: number | null;
  [key: string]: unknown;
}

/** The agent routes of one workspace, called as `user` through the real HTTP stack. */
export function agentsApi(t: TestApp, workspace: TestWorkspace, user: TestUser) {
  const base = `/api/v1/workspaces/${workspace.slug}`;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.request({ method, url: `${base}${url}`, headers: { cookie: user.cookie }, payload });
  const ok = async <T>(response: Promise<LightMyRequestResponse>, status: number): Promise<T> => {
    const r = await response;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return r.json<T>();
  };
  return {
    send,
    createAgent: (body: object) => ok<AgentJson>(send('POST', '/agents', body), 201),
    agent: (id: string) => ok<AgentJson>(send('GET', `/agents/${id}`), 200),
    createTask: (body: object) => ok<TaskJson>(send('POST', '/agent-tasks', body), 201),
    task: (id: string) => ok<TaskJson>(send('GET', `/agent-tasks/${id}`), 200),
    approve: (id: string, comment?: string) =>
      ok<TaskJson>(send('POST', `/agent-tasks/${id}/approve`, comment ? { comment } : undefined), 200),
    reject: (id: string, reason: string) =>
      ok<TaskJson>(send('POST', `/agent-tasks/${id}/reject`, { reason }), 200),
    cancel: (id: string) => ok<TaskJson>(send('POST', `/agent-tasks/${id}/cancel`), 200),
    /** Waits until the task is in one of `statuses`. */
    async settled(id: string, statuses: string[], timeoutMs?: number): Promise<TaskJson> {
      return waitFor(
        async () => {
          const task = await ok<TaskJson>(send('GET', `/agent-tasks/${id}`), 200);
          return statuses.includes(task.status) && task;
        },
        `task ${id} to reach ${statuses.join(' or ')}`,
        timeoutMs,
      );
    },
  };
}
