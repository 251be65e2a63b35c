import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Role } from '@/lib/permissions.ts';

export interface InvitationPreview {
  workspace: { slug: string; name: string };
  email: string;
  role: Role;
  expires_at: string;
}

/** What an invitation link is for; public, so it can be shown before signing in. */
export const invitationQuery = (token: string) =>
  queryOptions({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      api<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`, { signal }),
  });

export const useInvitation = (token: string) => useQuery(invitationQuery(token));
