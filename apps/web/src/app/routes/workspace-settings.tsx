import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { EmptyState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { DeleteWorkspaceDialog } from '@/features/workspaces/components/delete-workspace-dialog.tsx';
import { WorkspaceSettingsForm } from '@/features/workspaces/components/workspace-settings-form.tsx';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role } = useWorkspaceContext();
  useDocumentTitle('Settings', workspace.name);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();

  if (!can(role, 'workspace.settings'))
    return (
      <EmptyState icon={ShieldAlert} title="Only owners and admins change the workspace's settings">
        Ask one of them if the name or time zone needs to change.
      </EmptyState>
    );

  return (
    <>
      <PageHeader title="Settings" description={`How ${workspace.name} is named and keeps time.`} />
      <div className="space-y-6">
        <Card>
          <CardHeader title="General" />
          <WorkspaceSettingsForm workspace={workspace} />
        </Card>
        {can(role, 'workspace.delete') && (
          <Card className="border-danger/40">
            <CardHeader
              title="Delete the workspace"
              description="Removes the workspace and everything in it, for every member."
              actions={
                <Button variant="danger" onClick={() => setDeleting(true)}>
                  Delete workspace…
                </Button>
              }
            />
          </Card>
        )}
      </div>
      <DeleteWorkspaceDialog
        workspace={workspace}
        open={deleting}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          toast(`${workspace.name} was deleted`);
          navigate('/', { replace: true });
        }}
      />
    </>
  );
}
