import { AlarmClock, ArrowRight, Bot, CircleCheck, FolderKanban, Hourglass, ShieldCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { formatDate, timeAgo, countOf } from '@/lib/format.ts';
import { useAgentOverview } from '../api/get-agent-overview.ts';
import { useToday } from '../api/get-today.ts';
import { STUCK_DAYS, useWorkOverview, type FlaggedItem } from '../api/get-work-overview.ts';
import { AgentActivityChart, OpenWorkChart, TodayChart } from './charts.tsx';

export interface CommandCenterPaths {
  projects: string;
  agents: string;
  tasks: string;
  task: (id: string) => string;
  item: (projectId: string, itemId: string) => string;
  activity: string;
}

interface CommandCenterProps {
  slug: string;
  canContribute: boolean;
  paths: CommandCenterPaths;
  /** The latest entries of the audit trail, under "What changed today" (composed by the route). */
  recentActivity: ReactNode;
}

const linkClasses = 'inline-flex items-center gap-1 text-[13px] font-medium text-accent-text hover:underline';

function MoreLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className={linkClasses}>
      {children} <ArrowRight className="size-3.5" aria-hidden="true" />
    </Link>
  );
}

function Kpi({
  label,
  value,
  detail,
  to,
}: {
  label: string;
  value: number | undefined;
  detail: string;
  to: string;
}) {
  return (
    <Link
      to={to}
      className="block rounded-lg border border-line bg-surface px-4 py-3.5 shadow-xs transition-colors hover:border-line-strong"
    >
      <p className="text-[13px] text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-ink">{value ?? '–'}</p>
      <p className="mt-0.5 truncate text-[13px] text-muted">{detail}</p>
    </Link>
  );
}

/**
 * The workspace at a glance: open work by state, what changed today, overdue and stuck items, agent
 * activity and pending approvals. Every panel says what to do when it has nothing to show.
 */
export function CommandCenter({ slug, canContribute, paths, recentActivity }: CommandCenterProps) {
  const work = useWorkOverview(slug);
  const agents = useAgentOverview(slug);
  const today = useToday(slug);
  const openTotal = work.data
    ? work.data.open.backlog + work.data.open.unstarted + work.data.open.started
    : undefined;

  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Kpi
          label="Open work items"
          value={openTotal}
          detail={`Across ${countOf(work.data?.projects, 'project')}`}
          to={paths.projects}
        />
        <Kpi
          label="Overdue"
          value={work.data?.overdue.length}
          detail="Target date passed, not done"
          to={paths.projects}
        />
        <Kpi
          label="Pending approvals"
          value={agents.data?.approvalsTotal}
          detail="Agent work waiting for a person"
          to={`${paths.tasks}?status=needs_approval`}
        />
        <Kpi
          label="Agents working"
          value={agents.data?.working}
          detail={`${countOf(agents.data?.agents, 'agent')} in this workspace`}
          to={paths.agents}
        />
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Open work by state"
            actions={<MoreLink to={paths.projects}>Projects</MoreLink>}
          />
          <div className="p-5">
            {work.isPending ? (
              <LoadingState label="Counting open work…" />
            ) : work.isError ? (
              <ErrorState error={work.error} onRetry={() => work.refetch()} />
            ) : work.data.projects === 0 ? (
              <EmptyState
                icon={FolderKanban}
                title="No projects yet"
                action={
                  canContribute && (
                    <Link to={paths.projects} className={buttonClasses('primary')}>
                      Create a project
                    </Link>
                  )
                }
              >
                Create a project and add work items: this chart shows how much is waiting, planned and under
                way.
              </EmptyState>
            ) : openTotal === 0 ? (
              <EmptyState icon={CircleCheck} title="No open work">
                Everything is done. Add work items on a project’s board to plan what comes next.
              </EmptyState>
            ) : (
              <OpenWorkChart open={work.data.open} />
            )}
          </div>
        </Card>

        <Card>
          <CardHeader
            title="Agent activity"
            description="Tasks of the last 7 days"
            actions={<MoreLink to={paths.tasks}>All tasks</MoreLink>}
          />
          <div className="p-5">
            {agents.isPending ? (
              <LoadingState label="Loading agent activity…" />
            ) : agents.isError ? (
              <ErrorState error={agents.error} onRetry={() => agents.refetch()} />
            ) : agents.data.tasksThisWeek === 0 ? (
              <EmptyState
                icon={Bot}
                title={agents.data.agents === 0 ? 'No agents yet' : 'No agent tasks this week'}
                action={
                  canContribute && (
                    <Link
                      to={agents.data.agents === 0 ? paths.agents : paths.tasks}
                      className={buttonClasses('primary')}
                    >
                      {agents.data.agents === 0 ? 'Create an agent' : 'Run a task'}
                    </Link>
                  )
                }
              >
                {agents.data.agents === 0
                  ? 'Agents review code, triage findings and run workflows; their work shows up here day by day.'
                  : 'Give an agent a task and follow its progress here.'}
              </EmptyState>
            ) : (
              <AgentActivityChart days={agents.data.days} />
            )}
          </div>
        </Card>

        <Card className="overflow-hidden">
          <CardHeader
            title="Pending approvals"
            description="Agent results that wait for your decision"
            actions={<MoreLink to={`${paths.tasks}?status=needs_approval`}>All</MoreLink>}
          />
          {agents.isPending ? (
            <LoadingState label="Loading approvals…" />
          ) : agents.isError ? null : agents.data.approvals.length === 0 ? (
            <EmptyState icon={ShieldCheck} title="Nothing waits for approval">
              When an agent’s result needs a person (a security triage, a task you asked to approve), it
              appears here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-line" aria-label="Tasks waiting for approval">
              {agents.data.approvals.map((task) => (
                <li key={task.id} className="flex items-center justify-between gap-3 px-5 py-3">
                  <div className="min-w-0">
                    <p className="truncate font-medium text-ink">
                      {task.description || task.task_type.replaceAll('_', ' ')}
                    </p>
                    <p className="text-[13px] text-muted">
                      {agents.data.agentName(task.agent_id)} · waiting since {timeAgo(task.updated_at)}
                    </p>
                  </div>
                  <Link to={paths.task(task.id)} className={buttonClasses('secondary', 'sm')}>
                    Review
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card className="overflow-hidden">
          <CardHeader
            title="What changed today"
            actions={<MoreLink to={paths.activity}>Audit trail</MoreLink>}
          />
          {today.isPending ? (
            <LoadingState label="Loading today’s changes…" />
          ) : today.isError ? (
            <ErrorState error={today.error} onRetry={() => today.refetch()} />
          ) : today.data.total === 0 ? (
            <p className="px-5 py-4 text-muted">
              Nothing has changed yet today. Changes by people and agents show up here as they happen.
            </p>
          ) : (
            <div className="px-5 pt-4">
              <p className="text-sm text-muted">
                <span className="text-lg font-semibold text-ink" data-testid="changes-today">
                  {today.data.total}
                </span>{' '}
                change{today.data.total === 1 ? '' : 's'} today
              </p>
              <TodayChart byKind={today.data.byKind} />
            </div>
          )}
          <div className="border-t border-line">{recentActivity}</div>
        </Card>
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <FlaggedCard
          title="Overdue"
          description="Target date passed, still open"
          icon={AlarmClock}
          query={work}
          pick={(d) => d.overdue}
          empty="Nothing is overdue. Items whose target date passes while open show up here."
          detail={(f) => `Due ${f.item.target_date ? formatDate(f.item.target_date) : '–'} · ${f.stateName}`}
          itemPath={paths.item}
        />
        <FlaggedCard
          title="Stuck"
          description={`In progress with no change for ${STUCK_DAYS} days`}
          icon={Hourglass}
          query={work}
          pick={(d) => d.stuck}
          empty={`Nothing is stuck. Items in progress that nobody touches for ${STUCK_DAYS} days show up here.`}
          detail={(f) => `Last changed ${timeAgo(f.item.updated_at)} · ${f.stateName}`}
          itemPath={paths.item}
        />
      </div>
    </div>
  );
}

interface FlaggedCardProps {
  title: string;
  description: string;
  icon: typeof AlarmClock;
  query: ReturnType<typeof useWorkOverview>;
  pick: (data: NonNullable<ReturnType<typeof useWorkOverview>['data']>) => FlaggedItem[];
  empty: string;
  detail: (flagged: FlaggedItem) => string;
  itemPath: CommandCenterPaths['item'];
}

function FlaggedCard({ title, description, icon, query, pick, empty, detail, itemPath }: FlaggedCardProps) {
  const items = query.data ? pick(query.data) : [];
  return (
    <Card className="overflow-hidden">
      <CardHeader title={title} description={description} />
      {query.isPending ? (
        <LoadingState label={`Looking for ${title.toLowerCase()} items…`} />
      ) : query.isError ? null : items.length === 0 ? (
        <EmptyState icon={icon} title={`Nothing ${title.toLowerCase()}`}>
          {empty}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-line" aria-label={`${title} work items`}>
          {items.map((f) => (
            <li key={f.item.id} className="px-5 py-3">
              <Link to={itemPath(f.project.id, f.item.id)} className="font-medium text-ink hover:underline">
                <span className="text-muted">
                  {f.project.identifier}-{f.item.sequence_id}
                </span>{' '}
                {f.item.name}
              </Link>
              <p className="text-[13px] text-muted">{detail(f)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
