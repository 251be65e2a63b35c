import { useNavigate } from 'react-router';
import { Card } from '@/components/ui/card.tsx';
import { CreateWorkspaceForm } from '@/features/workspaces/components/create-workspace-form.tsx';
import { rememberWorkspace, useMe } from '@/lib/session.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';

/** `/new`: the first screen after sign-up, and "Create workspace" from the switcher or palette. */
export function Component() {
  useDocumentTitle('Create a workspace');
  const navigate = useNavigate();
  const me = useMe();
  const first = me.data?.workspaces.length === 0;

  return (
    <div className="mx-auto max-w-lg pt-6">
      <h1 className="text-2xl font-semibold tracking-tight">
        {first ? 'Create your first workspace' : 'Create a workspace'}
      </h1>
      <p className="mt-1.5 text-muted">
        A workspace holds one team’s projects, people and agents — your agency, or one per client.
      </p>
      <Card className="mt-6 p-6">
        <CreateWorkspaceForm
          onCreated={(workspace) => {
            rememberWorkspace(workspace.slug);
            navigate(`/${workspace.slug}`);
          }}
          onCancel={first ? undefined : () => navigate(-1)}
        />
      </Card>
    </div>
  );
}
