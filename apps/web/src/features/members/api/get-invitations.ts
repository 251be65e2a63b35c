import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Role } from '@/lib/permissions.ts';

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
  created_at: string;
}

export const invitationsQuery = (slug: string) =>
  queryOptions({
    queryKey: ['workspaces', slug, 'invitations'],
    queryFn: ({ signal }) =>
      api<Invitation[]>(`/api/workspaces/${encodeURIComponent(slug)}/invitations`, { signal }),
  });

export const useInvitations = (slug: string, enabled: boolean) =>
  useQuery({ ...invitationsQuery(slug), enabled });
