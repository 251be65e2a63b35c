import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';

/** Asks for the provider's consent page; the browser then leaves for it and comes back signed in. */
export const signInOAuth = ({ providerId, next }: { providerId: string; next: string }) =>
  api<{ url: string }>('/api/auth/sign-in/social', {
    method: 'POST',
    body: {
      provider: providerId,
      callbackURL: next,
      errorCallbackURL: `/login?next=${encodeURIComponent(next)}`,
    },
  });

export const useSignInOAuth = () =>
  useMutation({ mutationFn: signInOAuth, onSuccess: ({ url }) => window.location.assign(url) });
