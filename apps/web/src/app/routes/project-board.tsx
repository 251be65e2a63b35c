import { Board } from '@/features/work-items/components/board.tsx';
import { useLiveWorkItems } from '@/lib/realtime.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';

export function Component() {
  const { workspace, project, canEdit, itemPath } = useProjectContext();
  useLiveWorkItems(workspace.slug, project.id);
  useDocumentTitle('Board', project.name, workspace.name);
  return (
    <>
      <h1 className="sr-only">Board of {project.name}</h1>
      <Board slug={workspace.slug} project={project} canEdit={canEdit} itemPath={itemPath} />
    </>
  );
}
