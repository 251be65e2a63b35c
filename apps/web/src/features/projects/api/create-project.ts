import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { planeApi, workspaceApiPath } from '@/lib/plane-client.ts';
import type { Project } from '@/lib/plane-types.ts';

export const createProjectInput = z.object({
  name: z.string().trim().min(1, 'Name the project, e.g. “Website relaunch”.').max(255),
  identifier: z
    .string()
    .trim()
    .min(1, 'Give the project a short identifier, e.g. WEB.')
    .max(12, 'Use at most 12 characters.')
    .regex(/^[A-Z0-9]+$/, 'Use capital letters and digits only, e.g. WEB.'),
  description: z.string().trim().max(2000).optional(),
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

export function useCreateProject(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProjectInput) =>
      planeApi<Project>(`${workspaceApiPath(slug)}/projects/`, { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plane', slug, 'projects'] }),
  });
}

/** "Website relaunch" → "WR"; one word → its first letters ("Northwind" → "NOR"). */
export function suggestIdentifier(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '';
  const letters = words.length === 1 ? words[0]!.slice(0, 3) : words.map((w) => w[0]).join('');
  return letters.toUpperCase().slice(0, 5);
}
