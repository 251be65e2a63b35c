import { MailPlus } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { timeAgo } from '@/lib/format.ts';
import { roleLabels } from '@/lib/permissions.ts';
import { useInvitations, type Invitation } from '../api/get-invitations.ts';
import { useWithdrawInvitation } from '../api/withdraw-invitation.ts';

/** Invitations not yet accepted, with a way to withdraw each. Shown to those who manage members. */
export function InvitationsList({ slug, onInvite }: { slug: string; onInvite: () => void }) {
  const invitations = useInvitations(slug, true);
  const withdraw = useWithdrawInvitation(slug);
  const toast = useToast();
  const [target, setTarget] = useState<Invitation | null>(null);

  if (invitations.isPending) return <LoadingState label="Loading invitations…" />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />;
  if (invitations.data.length === 0)
    return (
      <EmptyState
        icon={MailPlus}
        title="No pending invitations"
        action={
          <Button size="sm" onClick={onInvite}>
            Invite someone
          </Button>
        }
      >
        Invitations you send appear here until they are accepted.
      </EmptyState>
    );

  return (
    <>
      <ul className="divide-y divide-line" aria-label="Pending invitations">
        {invitations.data.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-ink">{invitation.email}</p>
              <p className="text-muted">
                Sent {timeAgo(invitation.created_at)} · expires {timeAgo(invitation.expires_at)}
              </p>
            </div>
            <Badge>{roleLabels[invitation.role]}</Badge>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setTarget(invitation)}
              aria-label={`Withdraw invitation for ${invitation.email}`}
            >
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={target !== null}
        title="Withdraw this invitation?"
        description={`The link sent to ${target?.email ?? ''} stops working.`}
        confirmLabel="Withdraw"
        pending={withdraw.isPending}
        error={withdraw.error}
        onClose={() => {
          setTarget(null);
          withdraw.reset();
        }}
        onConfirm={() =>
          target &&
          withdraw.mutate(target.id, {
            onSuccess: () => {
              toast('Invitation withdrawn');
              setTarget(null);
            },
          })
        }
      />
    </>
  );
}
