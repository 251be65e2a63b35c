import { queryOptions, useQuery } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import type { Project } from '@/lib/plane-types.ts';

export const projectQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: ['plane', slug, 'project', projectId],
    queryFn: ({ signal }) => planeApi<Project>(`${projectApiPath(slug, projectId)}/`, { signal }),
  });

export const useProject = (slug: string, projectId: string) => useQuery(projectQuery(slug, projectId));
