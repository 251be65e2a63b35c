import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Workspace } from '@/lib/api-types.ts';

export const workspacesQuery = queryOptions({
  queryKey: ['workspaces'],
  queryFn: ({ signal }) => api<Workspace[]>('/api/workspaces', { signal }),
});

export const useWorkspaces = () => useQuery(workspacesQuery);
