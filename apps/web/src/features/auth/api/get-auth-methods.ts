import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';

export interface AuthMethods {
  password: boolean;
  magic_link: boolean;
  oauth: Array<{ id: 'github' | 'google'; name: string }>;
}

export const authMethodsQuery = queryOptions({
  queryKey: ['auth-methods'],
  queryFn: ({ signal }) => api<AuthMethods>('/api/auth-methods', { signal }),
  staleTime: Infinity,
});

export const useAuthMethods = () => useQuery(authMethodsQuery);
