import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import type { Workspace } from '@/lib/api-types.ts';

export const workspaceSettingsInput = z.object({
  name: z.string().trim().min(1, 'Name the workspace.').max(255),
  timezone: z.string().min(1).max(64),
});
export type WorkspaceSettingsInput = z.infer<typeof workspaceSettingsInput>;

const workspacePath = (slug: string) => `/api/workspaces/${encodeURIComponent(slug)}`;

/** Renames the workspace or changes its time zone; the sidebar and switcher read the new name from `me`. */
export function useUpdateWorkspace(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WorkspaceSettingsInput) =>
      api<Workspace>(workspacePath(slug), { method: 'PATCH', body: input }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workspaces'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

export function useDeleteWorkspace(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(workspacePath(slug), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['workspaces', slug] });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ['workspaces'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}
