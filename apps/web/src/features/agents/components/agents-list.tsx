import { Bot, Ellipsis, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { Menu } from '@/components/ui/menu.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { timeAgo } from '@/lib/format.ts';
import { useDeleteAgent, useUpdateAgent } from '../api/agent-mutations.ts';
import { useAgents } from '../api/get-agents.ts';
import { kindLabel, type Agent } from '../api/types.ts';
import { AgentDialog } from './agent-dialog.tsx';
import { AgentStatusBadge, formatSeconds } from './status.tsx';

interface AgentsListProps {
  slug: string;
  canManage: boolean;
}

/** Every agent of the workspace as a card: live status, what it can do, how it has done. */
export function AgentsList({ slug, canManage }: AgentsListProps) {
  const agents = useAgents(slug);
  const update = useUpdateAgent(slug);
  const remove = useDeleteAgent(slug);
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [configuring, setConfiguring] = useState<Agent | null>(null);
  const [deleting, setDeleting] = useState<Agent | null>(null);

  if (agents.isPending) return <LoadingState label="Loading agents…" />;
  if (agents.isError) return <ErrorState error={agents.error} onRetry={() => agents.refetch()} />;

  const setStatus = (agent: Agent, status: 'idle' | 'disabled') =>
    update.mutate(
      { id: agent.id, patch: { status } },
      {
        onSuccess: () =>
          toast(status === 'disabled' ? `${agent.name} is disabled` : `${agent.name} is enabled`),
        onError: (error) => toast(`Could not change ${agent.name}: ${error.message}`, { tone: 'danger' }),
      },
    );

  return (
    <>
      {canManage && (
        <div className="mb-4 flex justify-end">
          <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" />
            New agent
          </Button>
        </div>
      )}
      {agents.data.length === 0 ? (
        <EmptyState
          icon={Bot}
          title="No agents yet"
          action={
            canManage && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create your first agent
              </Button>
            )
          }
        >
          Agents take tasks off your hands: a code-review agent reads diffs for secrets and risky changes, a
          security agent triages what it finds.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-label="Agents">
          {agents.data.map((agent) => (
            <li
              key={agent.id}
              data-testid={`agent-${agent.name}`}
              className="rounded-lg border border-line bg-surface p-4 shadow-xs"
            >
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="truncate font-semibold text-ink">{agent.name}</h2>
                  <p className="text-[13px] text-muted">
                    {kindLabel(agent.agent_type)}
                    {agent.role ? ` · ${agent.role}` : ''}
                  </p>
                </div>
                <div className="flex items-center gap-1">
                  <AgentStatusBadge status={agent.status} />
                  {canManage && (
                    <Menu
                      label={`Actions for ${agent.name}`}
                      align="end"
                      triggerClassName="rounded-md p-1 text-muted hover:bg-subtle hover:text-ink"
                      trigger={<Ellipsis className="size-4" aria-hidden="true" />}
                      items={[
                        { id: 'configure', label: 'Configure…', onSelect: () => setConfiguring(agent) },
                        agent.status === 'disabled' || agent.status === 'error'
                          ? { id: 'enable', label: 'Enable', onSelect: () => setStatus(agent, 'idle') }
                          : {
                              id: 'disable',
                              label: 'Disable',
                              disabled: agent.status === 'working',
                              onSelect: () => setStatus(agent, 'disabled'),
                            },
                        {
                          id: 'delete',
                          label: 'Delete…',
                          disabled: agent.status === 'working',
                          onSelect: () => setDeleting(agent),
                        },
                      ]}
                    />
                  )}
                </div>
              </div>
              {agent.capabilities.length > 0 && (
                <ul className="mt-3 flex flex-wrap gap-1" aria-label={`Capabilities of ${agent.name}`}>
                  {agent.capabilities.map((c) => (
                    <li key={c} className="rounded bg-subtle px-1.5 py-0.5 text-xs text-muted">
                      {c.replaceAll('_', ' ')}
                    </li>
                  ))}
                </ul>
              )}
              <dl className="mt-4 grid grid-cols-3 gap-2 text-center">
                <div>
                  <dt className="text-xs text-muted">Completed</dt>
                  <dd className="text-lg font-semibold text-ink">{agent.total_tasks_completed}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted">Success</dt>
                  <dd className="text-lg font-semibold text-ink">
                    {agent.success_rate === null ? '–' : `${Math.round(agent.success_rate)}%`}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-muted">Avg. time</dt>
                  <dd className="text-lg font-semibold text-ink">
                    {formatSeconds(agent.average_duration_seconds)}
                  </dd>
                </div>
              </dl>
              <p className="mt-3 text-xs text-muted">
                {agent.last_active_at ? `Last active ${timeAgo(agent.last_active_at)}` : 'Not run yet'} · up
                to {agent.max_concurrency} task{agent.max_concurrency === 1 ? '' : 's'} at a time
              </p>
            </li>
          ))}
        </ul>
      )}
      <AgentDialog slug={slug} open={creating} onClose={() => setCreating(false)} />
      {configuring && (
        <AgentDialog slug={slug} open agent={configuring} onClose={() => setConfiguring(null)} />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'agent'}?`}
        description="The agent and all its tasks are deleted. This cannot be undone."
        confirmLabel="Delete agent"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast(`${deleting.name} deleted`);
              setDeleting(null);
            },
          })
        }
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </>
  );
}
