import { ProjectSettings } from '@/features/project-settings/components/project-settings.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';
import { canManageProject } from './project-permissions.ts';

export function Component() {
  const { workspace, role, project } = useProjectContext();
  useDocumentTitle('Settings', project.name, workspace.name);
  return (
    <ProjectSettings slug={workspace.slug} project={project} canManage={canManageProject(project, role)} />
  );
}
