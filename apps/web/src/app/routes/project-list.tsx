import { WorkItemList } from '@/features/work-items/components/work-item-list.tsx';
import { useLiveWorkItems } from '@/lib/realtime.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';

export function Component() {
  const { workspace, project, itemPath, searchInputId, canEdit } = useProjectContext();
  useLiveWorkItems(workspace.slug, project.id);
  useDocumentTitle('List', project.name, workspace.name);
  return (
    <>
      <h1 className="sr-only">Work items of {project.name}</h1>
      <WorkItemList
        slug={workspace.slug}
        project={project}
        itemPath={itemPath}
        searchInputId={searchInputId}
        canEdit={canEdit}
      />
    </>
  );
}
