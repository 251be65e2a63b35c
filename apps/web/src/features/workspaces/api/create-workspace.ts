import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import type { Workspace } from '@/lib/api-types.ts';

export const createWorkspaceInput = z.object({
  name: z.string().trim().min(1, 'Name the workspace, e.g. your agency or a client.').max(255),
  slug: z
    .string()
    .min(2, 'Use at least 2 characters.')
    .max(48, 'Use at most 48 characters.')
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Use lower-case letters, digits and inner hyphens.'),
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const createWorkspace = (input: CreateWorkspaceInput) =>
  api<Workspace>('/api/workspaces', {
    method: 'POST',
    body: { ...input, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' },
  });

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWorkspace,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['workspaces'] });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

/** "Northwind Traders" → "northwind-traders". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}
