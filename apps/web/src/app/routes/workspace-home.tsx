import { ActivityFeed } from '@/features/activity/components/activity-feed.tsx';
import { CommandCenter } from '@/features/command-center/components/command-center.tsx';
import { can } from '@/lib/permissions.ts';
import { useLiveWorkspace } from '@/lib/realtime.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
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

/** The command center: the workspace at a glance, kept current by live events. */
export function Component() {
  const { workspace, role, user } = useWorkspaceContext();
  useDocumentTitle(workspace.name);
  useLiveWorkspace(workspace.slug);
  const nameOf = usePeopleNames(workspace.slug);
  const base = `/${workspace.slug}`;
  const firstName = user.name.split(' ')[0];

  return (
    <>
      <div className="mb-6">
        <p className="text-[13px] font-medium text-muted">{workspace.name}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          {greeting()}, {firstName}
        </h1>
      </div>
      <CommandCenter
        slug={workspace.slug}
        canContribute={can(role, 'workspace.contribute')}
        paths={{
          projects: `${base}/projects`,
          agents: `${base}/agents`,
          tasks: `${base}/agents/tasks`,
          task: (id) => `${base}/agents/tasks/${id}`,
          item: (projectId, itemId) => `${base}/projects/${projectId}/items/${itemId}`,
          activity: `${base}/activity`,
        }}
        recentActivity={<ActivityFeed slug={workspace.slug} nameOf={nameOf} selfId={user.id} limit={5} />}
      />
    </>
  );
}
