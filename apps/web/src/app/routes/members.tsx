import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { InvitationsList } from '@/features/members/components/invitations-list.tsx';
import { InviteDialog } from '@/features/members/components/invite-dialog.tsx';
import { LeaveDialog } from '@/features/members/components/leave-dialog.tsx';
import { MembersList } from '@/features/members/components/members-list.tsx';
import { can } from '@/lib/permissions.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { useWorkspaceContext } from './workspace-context.ts';

export function Component() {
  const { workspace, role, user } = useWorkspaceContext();
  useDocumentTitle('Members', workspace.name);
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const manages = can(role, 'members.manage');

  return (
    <>
      <PageHeader
        title="Members"
        description={
          manages
            ? 'Invite people, set their roles, and remove access.'
            : 'Everyone who works in this workspace.'
        }
        actions={
          manages && (
            <Button variant="primary" onClick={() => setInviting(true)}>
              <UserPlus className="size-4" aria-hidden="true" />
              Invite people
            </Button>
          )
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="People" headingId="people-heading" />
          <MembersList
            slug={workspace.slug}
            myRole={role}
            myUserId={user.id}
            onLeave={() => setLeaving(true)}
          />
        </Card>
        {manages && (
          <Card>
            <CardHeader
              title="Pending invitations"
              description="Links that were sent but not yet accepted."
            />
            <InvitationsList slug={workspace.slug} onInvite={() => setInviting(true)} />
          </Card>
        )}
      </div>
      {manages && (
        <InviteDialog
          slug={workspace.slug}
          workspaceName={workspace.name}
          myRole={role}
          open={inviting}
          onClose={() => setInviting(false)}
        />
      )}
      <LeaveDialog
        slug={workspace.slug}
        name={workspace.name}
        open={leaving}
        onClose={() => setLeaving(false)}
        onLeft={() => {
          toast(`You left ${workspace.name}`);
          navigate('/', { replace: true });
        }}
      />
    </>
  );
}
