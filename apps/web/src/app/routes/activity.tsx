import { Card } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { ActivityFeed } from '@/features/activity/components/activity-feed.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';
import { usePeopleNames } from './use-people-names.ts';

export function Component() {
  const { workspace, user } = useWorkspaceContext();
  useDocumentTitle('Audit trail', workspace.name);
  const nameOf = usePeopleNames(workspace.slug);
  return (
    <>
      <PageHeader title="Audit trail" description="Every change in this workspace: who made it, and when." />
      <Card className="overflow-hidden">
        <ActivityFeed slug={workspace.slug} nameOf={nameOf} selfId={user.id} />
      </Card>
    </>
  );
}
