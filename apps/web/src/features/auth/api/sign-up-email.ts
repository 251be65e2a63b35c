import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';

export const signUpInput = z.object({
  name: z.string().trim().min(1, 'Enter your name.').max(255),
  email: z.email('Enter your e-mail address, like name@agency.com.'),
  password: z.string().min(8, 'Use at least 8 characters.').max(256),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signUpEmail = (input: SignUpInput) =>
  api<{ user: { id: string } }>('/api/auth/sign-up/email', { method: 'POST', body: input });

export function useSignUpEmail() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: signUpEmail, onSuccess: () => queryClient.resetQueries() });
}
