import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, isApiError } from './api-client.ts';
import type { Me } from './api-types.ts';

/**
 * Who is signed in, shared by every screen: the signed-in user and their workspaces, or null for a
 * visitor. Sign-in forms live in features/auth; this is the part the whole app reads.
 */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      return await api<Me>('/api/me', { signal });
    } catch (error) {
      if (isApiError(error, 'UNAUTHENTICATED')) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export const useMe = () => useQuery(meQuery);

/** Signs out and reloads at `then`, so nothing of the session stays in memory. */
export function useSignOut(then = '/login') {
  return useMutation({
    mutationFn: () => api<unknown>('/api/auth/sign-out', { method: 'POST', body: {} }),
    onSuccess: () => window.location.replace(then),
  });
}

/** Only same-site paths are followed after sign-in, so a crafted link cannot send people elsewhere. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const lastWorkspaceKey = 'agency-os.last-workspace';
export function rememberWorkspace(slug: string): void {
  try {
    window.localStorage.setItem(lastWorkspaceKey, slug);
  } catch {
    /* storage blocked: the first workspace is used instead */
  }
}
export function lastWorkspace(): string | null {
  try {
    return window.localStorage.getItem(lastWorkspaceKey);
  } catch {
    return null;
  }
}
