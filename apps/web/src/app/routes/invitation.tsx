import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/ui/states.tsx';
import { AuthLayout } from '@/features/auth/components/auth-layout.tsx';
import { InvitationCard } from '@/features/invitations/components/invitation-card.tsx';
import { rememberWorkspace, useMe, useSignOut } from '@/lib/session.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { RouteLoading } from './route-loading.tsx';

/** `/invitations/:token`: readable without an account; accepting needs the invited person signed in. */
export function Component() {
  useDocumentTitle('Invitation');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  const signOut = useSignOut(`/invitations/${encodeURIComponent(token)}`);

  if (me.isPending) return <RouteLoading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;

  return (
    <AuthLayout title="You are invited" subtitle="Join your team on Agency OS.">
      <InvitationCard
        token={token}
        user={me.data?.user ?? null}
        onSignOut={() => signOut.mutate()}
        onAccepted={(workspace) => {
          rememberWorkspace(workspace.slug);
          navigate(`/${workspace.slug}`, { replace: true });
        }}
      />
    </AuthLayout>
  );
}
