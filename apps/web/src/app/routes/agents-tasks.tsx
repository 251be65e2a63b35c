import { useSearchParams } from 'react-router';
import { TasksList } from '@/features/agents/components/tasks-list.tsx';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  const [search] = useSearchParams();
  useDocumentTitle('Agent tasks', workspace.name);
  return (
    <TasksList
      slug={workspace.slug}
      canRun={can(role, 'workspace.contribute')}
      taskPath={(id) => `/${workspace.slug}/agents/tasks/${id}`}
      initialStatus={search.get('status') ?? ''}
    />
  );
}
