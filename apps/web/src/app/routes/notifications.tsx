import { NotificationsInbox } from '@/features/notifications/components/notifications-inbox.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { usePeopleNames } from './use-people-names.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace } = useWorkspaceContext();
  useDocumentTitle('Notifications', workspace.name);
  const nameOf = usePeopleNames(workspace.slug);
  return (
    <NotificationsInbox
      slug={workspace.slug}
      nameOf={nameOf}
      itemPath={(projectId, itemId) => `/${workspace.slug}/projects/${projectId}/items/${itemId}`}
      boardPath={(projectId) => `/${workspace.slug}/projects/${projectId}/board`}
    />
  );
}
