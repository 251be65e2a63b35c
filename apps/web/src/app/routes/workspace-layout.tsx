import { Lock } from 'lucide-react';
import { useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useWorkspace } from '@/features/workspaces/api/get-workspace.ts';
import { isApiError } from '@/lib/api-client.ts';
import { rememberWorkspace, useMe } from '@/lib/session.ts';
import type { WorkspaceContext } from './workspace-context.ts';

/** Loads the workspace named in the URL; people who are not members see why, not a broken screen. */
export function Component() {
  const { slug = '' } = useParams();
  const workspace = useWorkspace(slug);
  const me = useMe();

  useEffect(() => {
    if (workspace.data) rememberWorkspace(workspace.data.slug);
  }, [workspace.data]);

  if (workspace.isPending) return <LoadingState label="Opening workspace…" />;
  if (workspace.isError) {
    if (isApiError(workspace.error, 'FORBIDDEN') || isApiError(workspace.error, 'WORKSPACE_NOT_FOUND'))
      return (
        <EmptyState
          icon={Lock}
          title="This workspace is not available to you"
          action={
            <Link to="/" className={buttonClasses()}>
              Go to your workspaces
            </Link>
          }
        >
          There is no workspace at /{slug}, or you are not a member. Ask one of its admins for an invitation.
        </EmptyState>
      );
    return <ErrorState error={workspace.error} onRetry={() => workspace.refetch()} />;
  }
  if (!me.data) return null;
  const context: WorkspaceContext = {
    workspace: workspace.data,
    role: workspace.data.role ?? 'guest',
    user: me.data.user,
  };
  return <Outlet context={context} />;
}
