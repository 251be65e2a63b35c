import { FolderPlus, Plus } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { CreateProjectDialog } from '@/features/projects/components/create-project-dialog.tsx';
import { ProjectsList } from '@/features/projects/components/projects-list.tsx';
import { useCommands } from '@/lib/commands.ts';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  useDocumentTitle('Projects', workspace.name);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const canCreate = can(role, 'workspace.contribute');
  const projectPath = (id: string) => `/${workspace.slug}/projects/${id}`;

  useCommands(
    canCreate
      ? [
          {
            id: 'create-project',
            label: 'Create project',
            group: 'Projects',
            keys: 'c',
            keywords: 'new add project',
            icon: FolderPlus,
            run: () => setCreating(true),
          },
        ]
      : [],
  );

  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project has a board and a list of its work items."
        actions={
          canCreate && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden="true" />
              New project
            </Button>
          )
        }
      />
      <ProjectsList
        slug={workspace.slug}
        canCreate={canCreate}
        onCreate={() => setCreating(true)}
        projectPath={projectPath}
      />
      {canCreate && (
        <CreateProjectDialog
          slug={workspace.slug}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(project) => {
            toast(`Created ${project.name}`);
            navigate(projectPath(project.id));
          }}
        />
      )}
    </>
  );
}
