import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Role } from '@/lib/permissions.ts';

export interface Member {
  user_id: string;
  name: string;
  email: string;
  avatar_url: string | null;
  role: Role;
  joined_at: string;
}

export const membersQuery = (slug: string) =>
  queryOptions({
    queryKey: ['workspaces', slug, 'members'],
    queryFn: ({ signal }) => api<Member[]>(`/api/workspaces/${encodeURIComponent(slug)}/members`, { signal }),
  });

export const useMembers = (slug: string) => useQuery(membersQuery(slug));
