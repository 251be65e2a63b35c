import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeListAll, workspaceApiPath } from '@/lib/plane-client.ts';
import type { Project } from '@/lib/plane-types.ts';

/** Projects of the workspace the viewer may see: theirs and the public ones (archived ones left out). */
export const projectsQuery = (slug: string) =>
  queryOptions({
    queryKey: ['plane', slug, 'projects'],
    queryFn: async ({ signal }) =>
      (await planeListAll<Project>(`${workspaceApiPath(slug)}/projects/`, { signal })).filter(
        (p) => !p.archived_at,
      ),
  });

export const useProjects = (slug: string) => useQuery(projectsQuery(slug));
