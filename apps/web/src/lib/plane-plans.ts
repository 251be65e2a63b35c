import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from './plane-client.ts';
import {
  stateGroups,
  type Cycle,
  type Module,
  type Project,
  type State,
  type UserLite,
  type WorkItem,
} from './plane-types.ts';

/**
 * Project-level reads and the project PATCH shared by the cycles, modules, time and settings screens (features
 * do not import one another). Keys sit under the project's prefix, so one invalidation refreshes a project.
 */
export const planKeys = {
  project: (slug: string, projectId: string) => ['plane', slug, 'project', projectId] as const,
  projectData: (slug: string, projectId: string) => ['plane', slug, projectId] as const,
  states: (slug: string, projectId: string) => ['plane', slug, projectId, 'states'] as const,
  items: (slug: string, projectId: string) => ['plane', slug, projectId, 'items'] as const,
  cycles: (slug: string, projectId: string) => ['plane', slug, projectId, 'cycles'] as const,
  modules: (slug: string, projectId: string) => ['plane', slug, projectId, 'modules'] as const,
  members: (slug: string, projectId: string) => ['plane', slug, projectId, 'members'] as const,
};

export const cyclesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: [...planKeys.cycles(slug, projectId), 'list'],
    queryFn: ({ signal }) => planeListAll<Cycle>(`${projectApiPath(slug, projectId)}/cycles/`, { signal }),
  });

export const modulesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: [...planKeys.modules(slug, projectId), 'list'],
    queryFn: ({ signal }) => planeListAll<Module>(`${projectApiPath(slug, projectId)}/modules/`, { signal }),
  });

/** The project's states in board order (the same key and order as the work-item screens use). */
export const projectStatesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: planKeys.states(slug, projectId),
    queryFn: async ({ signal }) =>
      (await planeListAll<State>(`${projectApiPath(slug, projectId)}/states/`, { signal })).sort(
        (a, b) => stateGroups.indexOf(a.group) - stateGroups.indexOf(b.group) || a.sequence - b.sequence,
      ),
  });

/**
 * Work items of the project through the list route's filters, under the same keys as the board and list, so a
 * state changed anywhere shows here too. `{cycle: id}` gives a cycle's items; `{}` every item.
 */
export const projectItemsQuery = (slug: string, projectId: string, filters: Record<string, string>) =>
  queryOptions({
    queryKey: [...planKeys.items(slug, projectId), filters],
    queryFn: ({ signal }) =>
      planeListAll<WorkItem>(`${projectApiPath(slug, projectId)}/work-items/`, { query: filters, signal }),
  });

export const personName = (p: UserLite) =>
  `${p.first_name} ${p.last_name}`.trim() || p.display_name || p.email;

/** People of the project (the same key and order as the work-item screens use). */
export const projectPeopleQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: planKeys.members(slug, projectId),
    queryFn: async ({ signal }) =>
      (await planeApi<UserLite[]>(`${projectApiPath(slug, projectId)}/members/`, { signal })).sort((a, b) =>
        personName(a).localeCompare(personName(b)),
      ),
    staleTime: 5 * 60_000,
  });

export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'description' | 'cycle_view' | 'module_view' | 'is_time_tracking_enabled'>
>;

/** Renames the project or switches its features; every screen reading the project sees the answer at once. */
export function useUpdateProject(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProjectPatch) =>
      planeApi<Project>(`${projectApiPath(slug, projectId)}/`, { method: 'PATCH', body: patch }),
    onSuccess: (project) => {
      queryClient.setQueryData(planKeys.project(slug, projectId), project);
      return queryClient.invalidateQueries({ queryKey: ['plane', slug, 'projects'] });
    },
  });
}
