import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { ApiTokensList } from '@/features/api-tokens/components/api-tokens-list.tsx';
import { CreateTokenDialog } from '@/features/api-tokens/components/create-token-dialog.tsx';
import { ProfileForm } from '@/features/profile/components/profile-form.tsx';
import { useMe, useSignOut } from '@/lib/session.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';

/** `/me`: your profile, your API tokens, and signing out. */
export function Component() {
  useDocumentTitle('Profile');
  const me = useMe();
  const signOut = useSignOut();
  const [creating, setCreating] = useState(false);
  if (!me.data) return null;
  const { user, workspaces } = me.data;

  return (
    <>
      <PageHeader title="Profile" description={user.email} />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Your details" />
          <ProfileForm user={user} />
        </Card>
        <Card>
          <CardHeader
            title="API tokens"
            description={
              <>
                Send a token in the <code className="font-mono text-[13px]">X-API-Key</code> header to use the
                API as you.
              </>
            }
            actions={
              <Button size="sm" onClick={() => setCreating(true)}>
                <Plus className="size-3.5" aria-hidden="true" />
                Create token
              </Button>
            }
          />
          <ApiTokensList workspaces={workspaces} onCreate={() => setCreating(true)} />
        </Card>
        <Card>
          <CardHeader
            title="Sign out"
            description="Ends this session in this browser. Your API tokens keep working."
            actions={
              <Button variant="danger" size="sm" pending={signOut.isPending} onClick={() => signOut.mutate()}>
                Sign out
              </Button>
            }
          />
        </Card>
      </div>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} workspaces={workspaces} />
    </>
  );
}
