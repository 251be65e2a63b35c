import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { cn } from '@/lib/cn.ts';
import { useLiveAgents, useLiveStatus } from '@/lib/realtime.ts';
import { useWorkspaceContext } from './workspace-context.ts';

const tabClasses = ({ isActive }: { isActive: boolean }) =>
  cn(
    'inline-flex items-center border-b-2 px-1 pb-2 text-[13px] font-medium',
    isActive ? 'border-accent text-ink' : 'border-transparent text-muted hover:text-ink',
  );

/** The agent console: agents, tasks and workflow executions, all following live events. */
export function Component() {
  const context = useWorkspaceContext();
  const base = `/${context.workspace.slug}/agents`;
  useLiveAgents(context.workspace.slug);
  const live = useLiveStatus();
  return (
    <>
      <PageHeader
        title="Agents"
        description="Your AI workforce: who is working on what, and what waits for a person."
        actions={
          <span className="inline-flex items-center gap-1.5 text-[13px] text-muted" data-testid="live-status">
            <span
              aria-hidden="true"
              className={cn('size-2 rounded-full', live === 'live' ? 'bg-success' : 'bg-line-strong')}
            />
            {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline'}
          </span>
        }
      />
      <nav aria-label="Agent console" className="mb-5 flex gap-4 border-b border-line">
        <NavLink to={base} end className={tabClasses}>
          Agents
        </NavLink>
        <NavLink to={`${base}/tasks`} className={tabClasses}>
          Tasks
        </NavLink>
        <NavLink to={`${base}/workflows`} className={tabClasses}>
          Workflow runs
        </NavLink>
      </nav>
      <Outlet context={context} />
    </>
  );
}
