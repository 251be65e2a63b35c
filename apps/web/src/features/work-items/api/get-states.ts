import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeListAll, projectApiPath } from '@/lib/plane-client.ts';
import { stateGroups, type State } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

/** Board order: backlog, unstarted, started, completed, cancelled; by sequence inside a group. */
export function sortStates(states: State[]): State[] {
  return [...states].sort(
    (a, b) => stateGroups.indexOf(a.group) - stateGroups.indexOf(b.group) || a.sequence - b.sequence,
  );
}

export const statesQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: workKeys.states(slug, projectId),
    queryFn: async ({ signal }) =>
      sortStates(await planeListAll<State>(`${projectApiPath(slug, projectId)}/states/`, { signal })),
  });

export const useStates = (slug: string, projectId: string) => useQuery(statesQuery(slug, projectId));
