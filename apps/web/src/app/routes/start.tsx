import { Navigate } from 'react-router';
import { ErrorState } from '@/components/ui/states.tsx';
import { lastWorkspace, useMe } from '@/lib/session.ts';
import { RouteLoading } from './route-loading.tsx';

/** `/`: to the sign-in page, the first-workspace screen, or the workspace used last. */
export function Component() {
  const me = useMe();
  if (me.isPending) return <RouteLoading />;
  if (me.isError)
    return <ErrorState error={me.error} onRetry={() => me.refetch()} title="Agency OS cannot be reached" />;
  if (!me.data) return <Navigate to="/login" replace />;
  const { workspaces } = me.data;
  if (workspaces.length === 0) return <Navigate to="/new" replace />;
  const last = lastWorkspace();
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0]!;
  return <Navigate to={`/${target.slug}`} replace />;
}
