import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import { agentKeys, agentsApiPath } from './keys.ts';
import type { Agent } from './types.ts';

const jsonObject = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === '') return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: 'Write a JSON object, e.g. {"max_files": 25}, or leave it empty.',
    });
    return z.NEVER;
  });

export const agentInput = z.object({
  name: z.string().trim().min(1, 'Name the agent, e.g. “Reviewer”.').max(255),
  agent_type: z.string().min(1, 'Choose what kind of agent it is.'),
  max_concurrency: z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'At least 1 task at a time.')
    .max(50, 'At most 50 tasks at a time.'),
  configuration: jsonObject,
});
export type AgentInput = z.input<typeof agentInput>;

const invalidateAll = (queryClient: ReturnType<typeof useQueryClient>, slug: string) =>
  queryClient.invalidateQueries({ queryKey: agentKeys.root(slug) });

export function useCreateAgent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.output<typeof agentInput>) =>
      api<Agent>(`${agentsApiPath(slug)}/agents`, { method: 'POST', body }),
    onSuccess: () => invalidateAll(queryClient, slug),
  });
}

export type AgentPatch = Partial<{
  name: string;
  configuration: Record<string, unknown>;
  max_concurrency: number;
  status: 'idle' | 'disabled';
}>;

export function useUpdateAgent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AgentPatch }) =>
      api<Agent>(`${agentsApiPath(slug)}/agents/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => invalidateAll(queryClient, slug),
  });
}

export function useDeleteAgent(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`${agentsApiPath(slug)}/agents/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidateAll(queryClient, slug),
  });
}
