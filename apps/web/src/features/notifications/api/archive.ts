import { useMutation } from '@tanstack/react-query';
import { planeApi } from '@/lib/plane-client.ts';
import { inboxPath } from './keys.ts';
import { useRefreshInbox } from './mark-read.ts';

/** Moves a notification into the archive (`archived`) or back to the inbox. */
export function useArchive(slug: string) {
  const refresh = useRefreshInbox(slug);
  return useMutation({
    mutationFn: ({ id, archived }: { id: string; archived: boolean }) =>
      planeApi<void>(`${inboxPath(slug)}${id}/archive/`, { method: archived ? 'POST' : 'DELETE' }),
    onSuccess: refresh,
  });
}
