import { useCallback } from 'react';
import { useMembers } from '@/features/members/api/get-members.ts';

/** Names for the user ids in the audit trail, from the member list (people who left show as such). */
export function usePeopleNames(slug: string): (id: string | null | undefined) => string {
  const members = useMembers(slug);
  return useCallback(
    (id) => {
      if (!id) return 'Someone';
      return members.data?.find((m) => m.user_id === id)?.name ?? 'A former member';
    },
    [members.data],
  );
}
