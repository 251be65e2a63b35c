import { ExecutionsList } from '@/features/agents/components/executions-list.tsx';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  useDocumentTitle('Workflow runs', workspace.name);
  return (
    <ExecutionsList
      slug={workspace.slug}
      taskPath={(id) => `/${workspace.slug}/agents/tasks/${id}`}
      canDecide={can(role, 'workspace.contribute')}
    />
  );
}
