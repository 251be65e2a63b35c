import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { formatDate, timeAgo } from '@/lib/format.ts';
import { useApiTokens, type ApiToken } from '../api/get-api-tokens.ts';
import { useRevokeApiToken } from '../api/revoke-api-token.ts';

/** Your tokens (never their values): where they work, when they were last used, and a way to revoke them. */
export function ApiTokensList({ workspaces, onCreate }: { workspaces: Workspace[]; onCreate: () => void }) {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const toast = useToast();
  const [target, setTarget] = useState<ApiToken | null>(null);
  const [now] = useState(Date.now);

  if (tokens.isPending) return <LoadingState label="Loading API tokens…" />;
  if (tokens.isError) return <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />;
  if (tokens.data.length === 0)
    return (
      <EmptyState
        icon={KeyRound}
        title="No API tokens"
        action={
          <Button size="sm" onClick={onCreate}>
            Create a token
          </Button>
        }
      >
        Tokens let scripts and tools act as you through the API.
      </EmptyState>
    );

  const scope = (id: string | null) =>
    id ? (workspaces.find((w) => w.id === id)?.name ?? 'One workspace') : 'All workspaces';
  const expired = (t: ApiToken) => t.expires_at !== null && new Date(t.expires_at).getTime() < now;

  return (
    <>
      <ul className="divide-y divide-line" aria-label="API tokens">
        {tokens.data.map((token) => (
          <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
            <div className="flex size-8 items-center justify-center rounded-md bg-subtle text-muted">
              <KeyRound className="size-4" aria-hidden="true" />
            </div>
            <div className="min-w-0 flex-1">
              <p className="flex items-center gap-2 font-medium text-ink">
                {token.label}
                {expired(token) && <Badge tone="danger">Expired</Badge>}
              </p>
              <p className="truncate text-muted">
                <code className="font-mono text-xs">plane_api_…{token.token_hint}</code> ·{' '}
                {scope(token.workspace_id)} · created {formatDate(token.created_at)}
              </p>
            </div>
            <div className="hidden w-40 text-right text-muted lg:block">
              <p>{token.last_used_at ? `Used ${timeAgo(token.last_used_at)}` : 'Never used'}</p>
              <p>{token.expires_at ? `Expires ${formatDate(token.expires_at)}` : 'Does not expire'}</p>
            </div>
            <Button
              size="sm"
              variant="danger"
              onClick={() => setTarget(token)}
              aria-label={`Revoke ${token.label}`}
            >
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={target !== null}
        title={`Revoke “${target?.label ?? ''}”?`}
        description="Anything using this token stops working at once. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onClose={() => {
          setTarget(null);
          revoke.reset();
        }}
        onConfirm={() =>
          target &&
          revoke.mutate(target.id, {
            onSuccess: () => {
              toast(`Token “${target.label}” revoked`);
              setTarget(null);
            },
          })
        }
      />
    </>
  );
}
