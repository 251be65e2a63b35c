import { CircleAlert } from 'lucide-react';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert.tsx';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { LoadingState } from '@/components/ui/states.tsx';
import { isApiError } from '@/lib/api-client.ts';
import type { User, Workspace } from '@/lib/api-types.ts';
import { timeAgo } from '@/lib/format.ts';
import { roleDescriptions, roleLabels } from '@/lib/permissions.ts';
import { useAcceptInvitation } from '../api/accept-invitation.ts';
import { useInvitation } from '../api/get-invitation.ts';

interface InvitationCardProps {
  token: string;
  /** The signed-in user, or null for a visitor. */
  user: User | null;
  onAccepted: (workspace: Workspace) => void;
  onSignOut: () => void;
}

const gone: Record<string, { title: string; text: string }> = {
  INVITATION_NOT_FOUND: {
    title: 'This invitation is no longer valid',
    text: 'It was withdrawn, or the link is incomplete.',
  },
  INVITATION_EXPIRED: { title: 'This invitation has expired', text: 'Invitations work for 7 days.' },
  INVITATION_USED: {
    title: 'This invitation was already used',
    text: 'If it was you, sign in to open the workspace.',
  },
};

/** Shows what the invitation is for, then lets the right person accept it (after signing in or up). */
export function InvitationCard({ token, user, onAccepted, onSignOut }: InvitationCardProps) {
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();

  if (invitation.isPending) return <LoadingState label="Opening invitation…" />;
  if (invitation.isError) {
    const known = Object.keys(gone).find((code) => isApiError(invitation.error, code));
    const message = known
      ? gone[known]!
      : { title: 'This invitation could not be opened', text: invitation.error.message };
    return (
      <div role="alert" className="text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-danger-soft text-danger">
          <CircleAlert className="size-5" aria-hidden="true" />
        </div>
        <h2 className="font-semibold">{message.title}</h2>
        <p className="mt-1 text-muted">{message.text} Ask the person who invited you for a new link.</p>
        <Link to="/" className={buttonClasses('secondary', 'md', 'mt-5')}>
          Go to Agency OS
        </Link>
      </div>
    );
  }

  const { workspace, email, role, expires_at } = invitation.data;
  const next = `/invitations/${encodeURIComponent(token)}`;
  const authQuery = `?next=${encodeURIComponent(next)}&email=${encodeURIComponent(email)}`;
  const sameEmail = user?.email.toLowerCase() === email.toLowerCase();

  return (
    <div>
      <div className="flex items-center gap-3">
        <Avatar name={workspace.name} square />
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold">{workspace.name}</h2>
          <p className="text-muted">
            Join as <span className="font-medium text-ink">{roleLabels[role].toLowerCase()}</span> ·{' '}
            {roleDescriptions[role].toLowerCase()}
          </p>
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-md bg-subtle px-4 py-3 text-[13px]">
        <dt className="text-muted">Invited</dt>
        <dd className="truncate font-medium">{email}</dd>
        <dt className="text-muted">Expires</dt>
        <dd>{timeAgo(expires_at)}</dd>
      </dl>

      <div className="mt-5 space-y-3">
        {accept.error && <Alert>{accept.error.message}</Alert>}
        {!user && (
          <>
            <Link to={`/signup${authQuery}`} className={buttonClasses('primary', 'md', 'w-full')}>
              Create an account to join
            </Link>
            <Link to={`/login${authQuery}`} className={buttonClasses('secondary', 'md', 'w-full')}>
              I already have an account
            </Link>
          </>
        )}
        {user && sameEmail && (
          <Button
            variant="primary"
            className="w-full"
            pending={accept.isPending}
            onClick={() => accept.mutate(token, { onSuccess: onAccepted })}
          >
            Join {workspace.name}
          </Button>
        )}
        {user && !sameEmail && (
          <>
            <Alert>
              This invitation is for {email}, and you are signed in as {user.email}. Sign out, then sign in
              with the invited address.
            </Alert>
            <Button className="w-full" onClick={onSignOut}>
              Sign out and continue
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
