import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import {
  modulesQuery,
  planKeys,
  projectItemsQuery,
  projectPeopleQuery,
  projectStatesQuery,
} from '@/lib/plane-plans.ts';
import type { Module, ModuleStatus } from '@/lib/plane-types.ts';

const modulesPath = (slug: string, projectId: string) => `${projectApiPath(slug, projectId)}/modules/`;

export const useModules = (slug: string, projectId: string) =>
  useQuery({ ...modulesQuery(slug, projectId), staleTime: 0 });

export const archivedModulesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: [...planKeys.modules(slug, projectId), 'archived'],
    queryFn: ({ signal }) =>
      planeListAll<Module>(`${projectApiPath(slug, projectId)}/archived-modules/`, { signal }),
  });

export const useArchivedModules = (slug: string, projectId: string) =>
  useQuery(archivedModulesQuery(slug, projectId));

export const moduleQuery = (slug: string, projectId: string, id: string) =>
  queryOptions({
    queryKey: [...planKeys.modules(slug, projectId), 'detail', id],
    queryFn: ({ signal }) => planeApi<Module>(`${modulesPath(slug, projectId)}${id}/`, { signal }),
    staleTime: 0,
  });

export const useModule = (slug: string, projectId: string, id: string) =>
  useQuery(moduleQuery(slug, projectId, id));

export const useProjectItems = (slug: string, projectId: string, filters: Record<string, string>) =>
  useQuery(projectItemsQuery(slug, projectId, filters));
export const useProjectStates = (slug: string, projectId: string) =>
  useQuery(projectStatesQuery(slug, projectId));
export const useProjectPeople = (slug: string, projectId: string) =>
  useQuery(projectPeopleQuery(slug, projectId));

export interface ModuleInput {
  name?: string;
  status?: ModuleStatus;
  lead?: string | null;
  members?: string[];
  start_date?: string | null;
  target_date?: string | null;
}

function useRefreshProject(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.projectData(slug, projectId) });
}

export function useCreateModule(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (input: ModuleInput & { name: string }) =>
      planeApi<Module>(modulesPath(slug, projectId), { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

/** Status, lead and members change at once on screen and go back if the server refuses. */
export function useUpdateModule(slug: string, projectId: string, id: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshProject(slug, projectId);
  const key = moduleQuery(slug, projectId, id).queryKey;
  return useMutation<Module, Error, ModuleInput, { before: Module | undefined }>({
    mutationFn: (input) =>
      planeApi<Module>(`${modulesPath(slug, projectId)}${id}/`, { method: 'PATCH', body: input }),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Module>(key);
      if (before) queryClient.setQueryData<Module>(key, { ...before, ...input });
      return { before };
    },
    onError: (_e, _input, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: refresh,
  });
}

export function useArchiveModule(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (id: string) =>
      planeApi<void>(`${modulesPath(slug, projectId)}${id}/archive/`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useUnarchiveModule(slug: string, projectId: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (id: string) =>
      planeApi<void>(`${projectApiPath(slug, projectId)}/archived-modules/${id}/unarchive/`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useAddModuleItems(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (issues: string[]) =>
      planeApi<unknown>(`${modulesPath(slug, projectId)}${id}/module-issues/`, {
        method: 'POST',
        body: { issues },
      }),
    onSuccess: refresh,
  });
}

export function useRemoveModuleItem(slug: string, projectId: string, id: string) {
  const refresh = useRefreshProject(slug, projectId);
  return useMutation({
    mutationFn: (itemId: string) =>
      planeApi<void>(`${modulesPath(slug, projectId)}${id}/module-issues/${itemId}/`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export const moduleStatusLabels: Record<ModuleStatus, string> = {
  backlog: 'Backlog',
  planned: 'Planned',
  'in-progress': 'In progress',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
