import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';

export const magicLinkInput = z.object({
  email: z.email('Enter your e-mail address, like name@agency.com.'),
});

/** Mails a one-time sign-in link; opening it signs in and lands on `next` (or on the sign-in page with an error). */
export const requestMagicLink = ({ email, next }: { email: string; next: string }) =>
  api<{ status: boolean }>('/api/auth/sign-in/magic-link', {
    method: 'POST',
    body: { email, callbackURL: next, errorCallbackURL: `/login?next=${encodeURIComponent(next)}` },
  });

export const useRequestMagicLink = () => useMutation({ mutationFn: requestMagicLink });
