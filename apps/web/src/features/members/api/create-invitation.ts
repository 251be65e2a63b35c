import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client.ts';
import { roles } from '@/lib/permissions.ts';
import { invitationsQuery, type Invitation } from './get-invitations.ts';

export const inviteInput = z.object({
  email: z.email('Enter the e-mail address to invite, like name@client.com.').max(254),
  role: z.enum(roles),
});
export type InviteInput = z.infer<typeof inviteInput>;

/** Mails the invitation; the answer carries the accept link once, to share by other means too. */
export const createInvitation = ({ slug, ...body }: InviteInput & { slug: string }) =>
  api<Invitation & { accept_url: string }>(`/api/workspaces/${encodeURIComponent(slug)}/invitations`, {
    method: 'POST',
    body,
  });

export function useCreateInvitation(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => createInvitation({ slug, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQuery(slug).queryKey }),
  });
}
