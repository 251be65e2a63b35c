import { useState } from 'react';
import { useParams } from 'react-router';
import { ModuleDetail } from '@/features/modules/components/module-detail.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';

export function Component() {
  const { workspace, project, canEdit, basePath, itemPath } = useProjectContext();
  const { moduleId = '' } = useParams();
  const [title, setTitle] = useState<string>();
  useDocumentTitle(title, project.name, workspace.name);
  return (
    <ModuleDetail
      key={moduleId}
      slug={workspace.slug}
      project={project}
      moduleId={moduleId}
      canEdit={canEdit}
      itemPath={itemPath}
      modulesPath={`${basePath}/modules`}
      onTitle={setTitle}
    />
  );
}
