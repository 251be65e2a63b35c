import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Role } from '@/lib/permissions.ts';
import { membersQuery } from './get-members.ts';

export const changeMemberRole = ({ slug, userId, role }: { slug: string; userId: string; role: Role }) =>
  api<void>(`/api/workspaces/${encodeURIComponent(slug)}/members/${userId}`, {
    method: 'PATCH',
    body: { role },
  });

export function useChangeMemberRole(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMemberRole,
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQuery(slug).queryKey }),
  });
}
