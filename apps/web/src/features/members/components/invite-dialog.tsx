import { MailCheck } from 'lucide-react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField, SelectField } from '@/components/ui/field.tsx';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { canAssignRole, roleDescriptions, roleLabels, roles, type Role } from '@/lib/permissions.ts';
import { inviteInput, useCreateInvitation } from '../api/create-invitation.ts';

interface InviteDialogProps {
  slug: string;
  workspaceName: string;
  myRole: Role;
  open: boolean;
  onClose: () => void;
}

/** Invite by e-mail with a role; afterwards the accept link is shown once, to copy into a chat as well. */
export function InviteDialog({ slug, workspaceName, myRole, open, onClose }: InviteDialogProps) {
  const invite = useCreateInvitation(slug);
  const {
    errors,
    setErrors,
    onSubmit: submit,
  } = useSchemaForm(inviteInput, (data) => {
    invite.mutate(data);
  });
  const grantable = roles.filter((r) => canAssignRole(myRole, undefined, r));

  const close = () => {
    invite.reset();
    setErrors({});
    onClose();
  };

  if (invite.data) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Invitation sent"
        footer={
          <>
            <Button onClick={() => invite.reset()}>Invite another</Button>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </>
        }
      >
        <div className="flex items-start gap-3">
          <div className="flex size-9 shrink-0 items-center justify-center rounded-full bg-success-soft text-success">
            <MailCheck className="size-4" aria-hidden="true" />
          </div>
          <p className="text-muted">
            We e-mailed <span className="font-medium text-ink">{invite.data.email}</span> a link to join as{' '}
            {roleLabels[invite.data.role].toLowerCase()}. You can also share the link yourself; it works for 7
            days and only for that address.
          </p>
        </div>
        <div className="mt-4 flex items-center gap-2 rounded-md border border-line bg-subtle p-1.5 pl-3">
          <code className="min-w-0 flex-1 truncate font-mono text-xs" data-testid="accept-url">
            {invite.data.accept_url}
          </code>
          <CopyButton text={invite.data.accept_url} label="Copy link" />
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Invite to ${workspaceName}`}
      description="They get an e-mail with a link to join."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Invite someone">
        {formLevelError(invite.error, ['email', 'role']) && (
          <Alert>{formLevelError(invite.error, ['email', 'role'])}</Alert>
        )}
        <InputField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          placeholder="name@client.com"
          error={errors.email ?? serverFieldError(invite.error, 'email')}
          autoFocus
        />
        <SelectField
          label="Role"
          name="role"
          defaultValue="member"
          error={errors.role ?? serverFieldError(invite.error, 'role')}
        >
          {grantable.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]} — {roleDescriptions[r]}
            </option>
          ))}
        </SelectField>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={invite.isPending}>
            Send invitation
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
