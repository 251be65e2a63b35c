import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { liveKeys } from '@/lib/realtime.ts';

interface TaskRow {
  id: string;
  agent_id: string;
  task_type: string;
  description: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

/** How a day's tasks are grouped on the activity chart. */
export const activityBuckets = ['completed', 'failed', 'waiting', 'running'] as const;
export type ActivityBucket = (typeof activityBuckets)[number];
const bucketOf: Record<string, ActivityBucket | undefined> = {
  completed: 'completed',
  approved: 'running',
  failed: 'failed',
  dead_letter: 'failed',
  rejected: 'failed',
  needs_approval: 'waiting',
  pending: 'running',
  in_progress: 'running',
};

export interface AgentOverview {
  agents: number;
  working: number;
  days: Array<{ day: string; label: string } & Record<ActivityBucket, number>>;
  tasksThisWeek: number;
  approvals: TaskRow[];
  approvalsTotal: number;
  agentName: (id: string) => string;
}

const dayLabel = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric' });
const dayKey = (date: Date) => date.toDateString();

async function loadAgentOverview(slug: string, signal: AbortSignal): Promise<AgentOverview> {
  const base = `/api/v1/workspaces/${encodeURIComponent(slug)}`;
  const [agents, tasks, approvals] = await Promise.all([
    api<{ results: Array<{ id: string; name: string; status: string }> }>(`${base}/agents`, {
      signal,
      query: { per_page: 1000 },
    }),
    api<{ results: TaskRow[] }>(`${base}/agent-tasks`, { signal, query: { per_page: 1000 } }),
    api<{ results: TaskRow[]; total_count: number }>(`${base}/agent-tasks`, {
      signal,
      query: { per_page: 10, status: 'needs_approval' },
    }),
  ]);
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = new Date(today.getTime() - (6 - i) * 86_400_000);
    return {
      day: dayKey(date),
      label: dayLabel.format(date),
      completed: 0,
      failed: 0,
      waiting: 0,
      running: 0,
    };
  });
  let tasksThisWeek = 0;
  for (const task of tasks.results) {
    const day = days.find((d) => d.day === dayKey(new Date(task.created_at)));
    const bucket = bucketOf[task.status];
    if (!day || !bucket) continue;
    day[bucket]++;
    tasksThisWeek++;
  }
  const names = new Map(agents.results.map((a) => [a.id, a.name]));
  return {
    agents: agents.results.length,
    working: agents.results.filter((a) => a.status === 'working').length,
    days,
    tasksThisWeek,
    approvals: approvals.results,
    approvalsTotal: approvals.total_count,
    agentName: (id) => names.get(id) ?? 'an agent',
  };
}

export const agentOverviewQuery = (slug: string) =>
  queryOptions({
    queryKey: [...liveKeys.commandCenter(slug), 'agents'],
    queryFn: ({ signal }) => loadAgentOverview(slug, signal),
  });

export const useAgentOverview = (slug: string) => useQuery(agentOverviewQuery(slug));
