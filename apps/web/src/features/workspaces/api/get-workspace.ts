import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Workspace } from '@/lib/api-types.ts';

export const workspaceQuery = (slug: string) =>
  queryOptions({
    queryKey: ['workspaces', slug],
    queryFn: ({ signal }) => api<Workspace>(`/api/workspaces/${encodeURIComponent(slug)}`, { signal }),
  });

export const useWorkspace = (slug: string) => useQuery(workspaceQuery(slug));
