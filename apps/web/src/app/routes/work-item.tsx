import { useState } from 'react';
import { useParams } from 'react-router';
import { TimeSection } from '@/features/time/components/time-section.tsx';
import { RelationsSection } from '@/features/work-items/components/relations-section.tsx';
import { WorkItemDetail } from '@/features/work-items/components/work-item-detail.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';
import { canManageProject } from './project-permissions.ts';

export function Component() {
  const { workspace, role, user, project, canEdit, canComment, itemPath, basePath } = useProjectContext();
  const { itemId = '' } = useParams();
  const [title, setTitle] = useState<string>();
  useDocumentTitle(title, project.name, workspace.name);
  return (
    <WorkItemDetail
      key={itemId}
      slug={workspace.slug}
      project={project}
      itemId={itemId}
      canEdit={canEdit}
      canComment={canComment}
      itemPath={itemPath}
      boardPath={`${basePath}/board`}
      onTitle={setTitle}
      panels={
        <>
          <RelationsSection
            slug={workspace.slug}
            projectId={project.id}
            itemId={itemId}
            canEdit={canEdit}
            itemHref={(projectId, id) => `/${workspace.slug}/projects/${projectId}/items/${id}`}
          />
          <TimeSection
            slug={workspace.slug}
            project={project}
            itemId={itemId}
            canLog={canEdit}
            canManage={canManageProject(project, role)}
            userId={user.id}
            settingsPath={`${basePath}/settings`}
          />
        </>
      }
    />
  );
}
