import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import { invitationsQuery } from './get-invitations.ts';

export const withdrawInvitation = ({ slug, id }: { slug: string; id: string }) =>
  api<void>(`/api/workspaces/${encodeURIComponent(slug)}/invitations/${id}`, { method: 'DELETE' });

export function useWithdrawInvitation(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => withdrawInvitation({ slug, id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQuery(slug).queryKey }),
  });
}
