import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client.ts';

export interface ApiToken {
  id: string;
  label: string;
  token_hint: string;
  workspace_id: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export const apiTokensQuery = queryOptions({
  queryKey: ['me', 'api-tokens'],
  queryFn: ({ signal }) => api<ApiToken[]>('/api/me/api-tokens', { signal }),
});

export const useApiTokens = () => useQuery(apiTokensQuery);
