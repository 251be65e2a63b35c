import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import { apiTokensQuery, type ApiToken } from './get-api-tokens.ts';

export const expiryChoices = {
  never: 'Never',
  '30': 'In 30 days',
  '90': 'In 90 days',
  '365': 'In a year',
} as const;

export const createApiTokenInput = z.object({
  label: z.string().trim().min(1, 'Name the token after where it is used, e.g. “CI deploys”.').max(255),
  workspace: z.string().optional(),
  expires: z.enum(Object.keys(expiryChoices) as [keyof typeof expiryChoices]),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

/** The answer carries the token itself, the only time it is ever shown. */
export const createApiToken = ({ label, workspace, expires }: CreateApiTokenInput) =>
  api<ApiToken & { token: string }>('/api/me/api-tokens', {
    method: 'POST',
    body: {
      label,
      ...(workspace ? { workspace } : {}),
      ...(expires === 'never'
        ? {}
        : { expires_at: new Date(Date.now() + Number(expires) * 86_400_000).toISOString() }),
    },
  });

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQuery.queryKey }),
  });
}
