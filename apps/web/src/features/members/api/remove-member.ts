import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { membersQuery } from './get-members.ts';

export const removeMember = ({ slug, userId }: { slug: string; userId: string }) =>
  api<void>(`/api/workspaces/${encodeURIComponent(slug)}/members/${userId}`, { method: 'DELETE' });

export function useRemoveMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQuery(slug).queryKey }),
  });
}
