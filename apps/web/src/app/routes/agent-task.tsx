import { Link, useParams } from 'react-router';
import { TaskDetail } from '@/features/agents/components/task-detail.tsx';
import { can } from '@/lib/permissions.ts';
import { useLiveAgents } from '@/lib/realtime.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  const { taskId = '' } = useParams();
  useDocumentTitle('Agent task', workspace.name);
  useLiveAgents(workspace.slug);
  const contributes = can(role, 'workspace.contribute');
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-[13px] text-muted">
        <Link to={`/${workspace.slug}/agents/tasks`} className="hover:text-ink hover:underline">
          Agent tasks
        </Link>
      </nav>
      <TaskDetail slug={workspace.slug} taskId={taskId} canDecide={contributes} canCancel={contributes} />
    </>
  );
}
