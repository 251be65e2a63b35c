import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';

export const signInInput = z.object({
  email: z.email('Enter your e-mail address, like name@agency.com.'),
  password: z.string().min(1, 'Enter your password.'),
});
export type SignInInput = z.infer<typeof signInInput>;

export const signInEmail = (input: SignInInput) =>
  api<{ user: { id: string } }>('/api/auth/sign-in/email', { method: 'POST', body: input });

export function useSignInEmail() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signInEmail, onSuccess: () => queryClient.resetQueries() });
}
