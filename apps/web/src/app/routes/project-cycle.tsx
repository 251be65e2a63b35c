import { useState } from 'react';
import { useParams } from 'react-router';
import { CycleDetail } from '@/features/cycles/components/cycle-detail.tsx';
import { CycleTime } from '@/features/time/components/cycle-time.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useProjectContext } from './project-context.ts';

export function Component() {
  const { workspace, project, canEdit, basePath, itemPath } = useProjectContext();
  const { cycleId = '' } = useParams();
  const [title, setTitle] = useState<string>();
  useDocumentTitle(title, project.name, workspace.name);
  return (
    <CycleDetail
      key={cycleId}
      slug={workspace.slug}
      project={project}
      cycleId={cycleId}
      canEdit={canEdit}
      itemPath={itemPath}
      cyclesPath={`${basePath}/cycles`}
      onTitle={setTitle}
      timePanel={
        project.is_time_tracking_enabled && canEdit ? (
          <CycleTime slug={workspace.slug} project={project} cycleId={cycleId} itemPath={itemPath} />
        ) : undefined
      }
    />
  );
}
