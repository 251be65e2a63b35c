import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';

export const leaveWorkspace = (slug: string) =>
  api<void>(`/api/workspaces/${encodeURIComponent(slug)}/leave`, { method: 'POST', body: {} });

export function useLeaveWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: leaveWorkspace,
    onSuccess: (_data, slug) => {
      queryClient.removeQueries({ queryKey: ['workspaces', slug] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workspaces'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}
