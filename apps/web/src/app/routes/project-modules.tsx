import { ModulesList } from '@/features/modules/components/modules-list.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';
import { canManageProject } from './project-permissions.ts';

export function Component() {
  const { workspace, role, project, canEdit, basePath } = useProjectContext();
  useDocumentTitle('Modules', project.name, workspace.name);
  return (
    <ModulesList
      slug={workspace.slug}
      project={project}
      canEdit={canEdit}
      canManage={canManageProject(project, role)}
      modulePath={(id) => `${basePath}/modules/${id}`}
    />
  );
}
