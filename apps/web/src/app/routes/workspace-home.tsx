import { ArrowRight, CircleCheck, Circle, Command, KeyRound, UserPlus } from 'lucide-react';
import { Link } from 'react-router';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { ActivityFeed } from '@/features/activity/components/activity-feed.tsx';
import { useMembers } from '@/features/members/api/get-members.ts';
import { useInvitations } from '@/features/members/api/get-invitations.ts';
import { cn } from '@/lib/cn.ts';
import { can, roleDescriptions, roleLabels } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { paletteShortcut } from '../shell/sidebar.tsx';
import { usePeopleNames } from './use-people-names.ts';
import { useWorkspaceContext } from './workspace-context.ts';

function greeting(): string {
  const hour = new Date().getHours();
  return hour < 5
    ? 'Good evening'
    : hour < 12
      ? 'Good morning'
      : hour < 18
        ? 'Good afternoon'
        : 'Good evening';
}

function Stat({ label, value, detail, to }: { label: string; value: string; detail: string; to?: string }) {
  const body = (
    <>
      <p className="text-[13px] text-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-ink">{value}</p>
      <p className="mt-0.5 truncate text-[13px] text-muted">{detail}</p>
    </>
  );
  const classes = 'block rounded-lg border border-line bg-surface px-4 py-3.5 shadow-xs';
  return to ? (
    <Link to={to} className={cn(classes, 'transition-colors hover:border-line-strong')}>
      {body}
    </Link>
  ) : (
    <div className={classes}>{body}</div>
  );
}

export function Component() {
  const { workspace, role, user } = useWorkspaceContext();
  useDocumentTitle(workspace.name);
  const manages = can(role, 'members.manage');
  const members = useMembers(workspace.slug);
  const invitations = useInvitations(workspace.slug, manages);
  const nameOf = usePeopleNames(workspace.slug);
  const firstName = user.name.split(' ')[0];
  const memberCount = members.data?.length;

  const steps = [
    {
      done: (memberCount ?? 0) > 1,
      title: 'Invite your team',
      text: 'Bring in colleagues and clients with the right role.',
      icon: UserPlus,
      to: `/${workspace.slug}/members`,
      show: manages,
    },
    {
      done: false,
      title: 'Create an API token',
      text: 'Connect scripts, CI or Plane’s SDK.',
      icon: KeyRound,
      to: '/me',
      show: true,
    },
    {
      done: false,
      title: `Press ${paletteShortcut} anywhere`,
      text: 'Jump between workspaces and screens.',
      icon: Command,
      to: undefined,
      show: true,
    },
  ].filter((s) => s.show);

  return (
    <>
      <div className="mb-8">
        <p className="text-[13px] font-medium text-muted">{workspace.name}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          {greeting()}, {firstName}
        </h1>
      </div>

      <div className="grid gap-3 sm:grid-cols-3">
        <Stat
          label="Members"
          value={memberCount === undefined ? '–' : String(memberCount)}
          detail={memberCount === 1 ? 'Just you so far' : 'People in this workspace'}
          to={`/${workspace.slug}/members`}
        />
        {manages ? (
          <Stat
            label="Pending invitations"
            value={invitations.data === undefined ? '–' : String(invitations.data.length)}
            detail={invitations.data?.length ? 'Waiting to be accepted' : 'None waiting'}
            to={`/${workspace.slug}/members`}
          />
        ) : (
          <Stat
            label="Time zone"
            value={workspace.timezone.split('/').pop()!.replaceAll('_', ' ')}
            detail={workspace.timezone}
          />
        )}
        <Stat label="Your role" value={roleLabels[role]} detail={roleDescriptions[role]} />
      </div>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <Card className="overflow-hidden">
          <CardHeader
            title="Recent activity"
            actions={
              <Link
                to={`/${workspace.slug}/activity`}
                className="inline-flex items-center gap-1 text-[13px] font-medium text-accent-text hover:underline"
              >
                Full audit trail <ArrowRight className="size-3.5" aria-hidden="true" />
              </Link>
            }
          />
          <ActivityFeed slug={workspace.slug} nameOf={nameOf} selfId={user.id} limit={6} />
        </Card>
        <Card>
          <CardHeader title="Get started" />
          <ol className="space-y-1 p-2">
            {steps.map((step) => {
              const Icon = step.done ? CircleCheck : Circle;
              const inner = (
                <>
                  <Icon
                    className={cn('mt-0.5 size-4 shrink-0', step.done ? 'text-success' : 'text-line-strong')}
                    aria-hidden="true"
                  />
                  <span>
                    <span className={cn('block font-medium', step.done && 'text-muted line-through')}>
                      {step.title}
                    </span>
                    <span className="block text-[13px] text-muted">{step.text}</span>
                  </span>
                  {step.done && <span className="sr-only">(done)</span>}
                </>
              );
              return (
                <li key={step.title}>
                  {step.to ? (
                    <Link to={step.to} className="flex gap-3 rounded-md px-3 py-2.5 hover:bg-subtle">
                      {inner}
                    </Link>
                  ) : (
                    <div className="flex gap-3 px-3 py-2.5">{inner}</div>
                  )}
                </li>
              );
            })}
          </ol>
        </Card>
      </div>
    </>
  );
}
