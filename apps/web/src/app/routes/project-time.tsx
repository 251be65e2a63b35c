import { TimeSummary } from '@/features/time/components/time-summary.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';
import { canManageProject } from './project-permissions.ts';

export function Component() {
  const { workspace, role, project, canEdit, itemPath } = useProjectContext();
  useDocumentTitle('Time', project.name, workspace.name);
  return (
    <TimeSummary
      slug={workspace.slug}
      project={project}
      canSee={canEdit}
      canManage={canManageProject(project, role)}
      itemPath={itemPath}
    />
  );
}
