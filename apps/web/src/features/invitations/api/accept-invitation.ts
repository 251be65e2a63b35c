import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';
import type { Workspace } from '@/lib/api-types.ts';

export const acceptInvitation = (token: string) =>
  api<Workspace>('/api/invitations/accept', { method: 'POST', body: { token } });

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workspaces'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}
