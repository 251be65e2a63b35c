import { AgentsList } from '@/features/agents/components/agents-list.tsx';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  useDocumentTitle('Agents', workspace.name);
  return <AgentsList slug={workspace.slug} canManage={can(role, 'workspace.contribute')} />;
}
