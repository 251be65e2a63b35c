import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { UserLite } from '@/lib/plane-types.ts';
import { workKeys } from './keys.ts';

/** People of the project: who can be assigned, and whose names the history and comments show. */
export const projectMembersQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: workKeys.members(slug, projectId),
    queryFn: async ({ signal }) =>
      (await planeApi<UserLite[]>(`${projectApiPath(slug, projectId)}/members/`, { signal })).sort((a, b) =>
        personName(a).localeCompare(personName(b)),
      ),
    staleTime: 5 * 60_000,
  });

export const useProjectMembers = (slug: string, projectId: string) =>
  useQuery(projectMembersQuery(slug, projectId));

export const personName = (p: UserLite) =>
  `${p.first_name} ${p.last_name}`.trim() || p.display_name || p.email;
