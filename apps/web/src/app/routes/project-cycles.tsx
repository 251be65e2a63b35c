import { CyclesList } from '@/features/cycles/components/cycles-list.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';
import { canManageProject } from './project-permissions.ts';

export function Component() {
  const { workspace, role, project, canEdit, basePath } = useProjectContext();
  useDocumentTitle('Cycles', project.name, workspace.name);
  return (
    <CyclesList
      slug={workspace.slug}
      project={project}
      canEdit={canEdit}
      canManage={canManageProject(project, role)}
      cyclePath={(id) => `${basePath}/cycles/${id}`}
    />
  );
}
