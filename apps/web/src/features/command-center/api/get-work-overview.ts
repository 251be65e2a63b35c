import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath, workspaceApiPath } from '@/lib/plane-client.ts';
import type { PlanePage, Project, State, StateGroup, WorkItem } from '@/lib/plane-types.ts';
import { liveKeys } from '@/lib/realtime.ts';

/** Items of the open state groups: what "open work" means on the command center. */
export const openGroups = ['backlog', 'unstarted', 'started'] as const satisfies readonly StateGroup[];
/** An item in a started state with no change for this many days counts as stuck. */
export const STUCK_DAYS = 7;
/** Projects looked at (most workspaces have far fewer). */
const MAX_PROJECTS = 30;

export interface FlaggedItem {
  item: WorkItem;
  project: Project;
  stateName: string;
}

export interface WorkOverview {
  projects: number;
  open: Record<(typeof openGroups)[number], number>;
  perProject: Array<{ project: Project; backlog: number; unstarted: number; started: number }>;
  overdue: FlaggedItem[];
  stuck: FlaggedItem[];
}

const isoDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * Open work across the viewer's projects, by state group; overdue items (target date before today) and stuck
 * ones (started, untouched for STUCK_DAYS days), from the work-item list filters.
 */
async function loadOverview(slug: string, signal: AbortSignal): Promise<WorkOverview> {
  const projects = (await planeListAll<Project>(`${workspaceApiPath(slug)}/projects/`, { signal })).filter(
    (p) => !p.archived_at && p.is_member,
  );
  const shown = projects.slice(0, MAX_PROJECTS);
  const yesterday = isoDate(new Date(Date.now() - 86_400_000));
  const stuckBefore = Date.now() - STUCK_DAYS * 86_400_000;

  const perProject = await Promise.all(
    shown.map(async (project) => {
      const path = `${projectApiPath(slug, project.id)}`;
      const count = (group: string) =>
        planeApi<PlanePage<WorkItem>>(`${path}/work-items/`, {
          signal,
          query: { state_group: group, per_page: 1 },
        }).then((page) => page.total_count);
      const [states, backlog, unstarted, started, overdue, oldestStarted] = await Promise.all([
        planeListAll<State>(`${path}/states/`, { signal }),
        count('backlog'),
        count('unstarted'),
        count('started'),
        planeApi<PlanePage<WorkItem>>(`${path}/work-items/`, {
          signal,
          query: {
            state_group: openGroups.join(','),
            target_date_before: yesterday,
            order_by: 'target_date',
            per_page: 20,
          },
        }),
        planeApi<PlanePage<WorkItem>>(`${path}/work-items/`, {
          signal,
          query: { state_group: 'started', order_by: 'updated_at', per_page: 20 },
        }),
      ]);
      const stateName = (id: string) => states.find((s) => s.id === id)?.name ?? 'Unknown state';
      const flag = (item: WorkItem): FlaggedItem => ({ item, project, stateName: stateName(item.state) });
      return {
        counts: { project, backlog, unstarted, started },
        overdue: overdue.results.map(flag),
        stuck: oldestStarted.results.filter((i) => new Date(i.updated_at).getTime() < stuckBefore).map(flag),
      };
    }),
  );

  const open = { backlog: 0, unstarted: 0, started: 0 };
  for (const { counts } of perProject) for (const group of openGroups) open[group] += counts[group];
  return {
    projects: projects.length,
    open,
    perProject: perProject.map((p) => p.counts),
    overdue: perProject
      .flatMap((p) => p.overdue)
      .sort((a, b) => (a.item.target_date ?? '').localeCompare(b.item.target_date ?? ''))
      .slice(0, 10),
    stuck: perProject
      .flatMap((p) => p.stuck)
      .sort((a, b) => a.item.updated_at.localeCompare(b.item.updated_at))
      .slice(0, 10),
  };
}

export const workOverviewQuery = (slug: string) =>
  queryOptions({
    queryKey: [...liveKeys.commandCenter(slug), 'work'],
    queryFn: ({ signal }) => loadOverview(slug, signal),
  });

export const useWorkOverview = (slug: string) => useQuery(workOverviewQuery(slug));
