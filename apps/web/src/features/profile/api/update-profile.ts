import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import type { User } from '@/lib/api-types.ts';

export const updateProfileInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(255),
  timezone: z.string().min(1).max(64),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const updateProfile = (input: UpdateProfileInput) =>
  api<User>('/api/me', { method: 'PATCH', body: input });

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}
