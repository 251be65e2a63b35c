import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { liveKeys } from '@/lib/realtime.ts';

interface Entry {
  id: string;
  action: string;
  object_type: string;
  created_at: string;
}

const kindLabels: Record<string, string> = {
  work_item: 'Work items',
  issue: 'Work items',
  project: 'Projects',
  agent: 'Agents',
  agent_task: 'Agent tasks',
  workflow: 'Workflows',
  workflow_execution: 'Workflows',
  workflow_step: 'Workflows',
  work_item_comment: 'Comments',
  work_item_link: 'Work items',
  work_item_attachment: 'Work items',
  work_item_relation: 'Work items',
  work_item_worklog: 'Time',
  state: 'Projects',
  label: 'Projects',
  project_member: 'Projects',
  workspace_member: 'Members',
  workspace_invitation: 'Invitations',
  api_token: 'API tokens',
  cycle: 'Cycles',
  module: 'Modules',
};

export interface TodayOverview {
  total: number;
  /** Changes today by kind of object, most first. */
  byKind: Array<{ kind: string; count: number }>;
}

/** What changed since midnight, from the audit trail (its latest 200 entries). */
async function loadToday(slug: string, signal: AbortSignal): Promise<TodayOverview> {
  const page = await api<{ results: Entry[] }>(`/api/workspaces/${encodeURIComponent(slug)}/activity`, {
    signal,
    query: { per_page: 200 },
  });
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const today = page.results.filter((e) => new Date(e.created_at) >= midnight);
  const counts = new Map<string, number>();
  for (const entry of today) {
    const kind =
      kindLabels[entry.object_type] ??
      entry.object_type.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return {
    total: today.length,
    byKind: [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count),
  };
}

export const todayQuery = (slug: string) =>
  queryOptions({
    queryKey: [...liveKeys.commandCenter(slug), 'today'],
    queryFn: ({ signal }) => loadToday(slug, signal),
  });

export const useToday = (slug: string) => useQuery(todayQuery(slug));
