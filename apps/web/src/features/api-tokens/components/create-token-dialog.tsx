import { KeyRound, TriangleAlert } from 'lucide-react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField, SelectField } from '@/components/ui/field.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { createApiTokenInput, expiryChoices, useCreateApiToken } from '../api/create-api-token.ts';

interface CreateTokenDialogProps {
  open: boolean;
  onClose: () => void;
  workspaces: Workspace[];
}

/** Creates a token and shows it once, with a copy button; closing the dialog forgets it. */
export function CreateTokenDialog({ open, onClose, workspaces }: CreateTokenDialogProps) {
  const create = useCreateApiToken();
  const {
    errors,
    setErrors,
    onSubmit: submit,
  } = useSchemaForm(createApiTokenInput, (data) => {
    create.mutate(data);
  });

  const close = () => {
    create.reset();
    setErrors({});
    onClose();
  };

  if (create.data) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Copy your new token"
        footer={
          <Button variant="primary" onClick={close}>
            I have copied it
          </Button>
        }
      >
        <div className="flex items-start gap-2.5 rounded-md bg-warning-soft px-3 py-2.5 text-[13px] text-warning">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>
            This is the only time the token is shown. Store it in your password manager or CI secrets now.
          </p>
        </div>
        <div className="mt-4 flex items-center gap-2 rounded-md border border-line bg-subtle p-1.5 pl-3">
          <KeyRound className="size-4 shrink-0 text-muted" aria-hidden="true" />
          <code
            className="min-w-0 flex-1 truncate font-mono text-xs"
            data-testid="new-token"
            aria-label="New API token"
          >
            {create.data.token}
          </code>
          <CopyButton text={create.data.token} />
        </div>
        <p className="mt-3 text-[13px] text-muted">
          Send it in the <code className="font-mono">X-API-Key</code> header. It acts as you
          {create.data.workspace_id ? ', only in the chosen workspace' : ''}.
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create an API token"
      description="For scripts, CI and tools such as Plane's SDK or MCP server."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create an API token">
        {formLevelError(create.error, ['label', 'workspace', 'expires_at']) && (
          <Alert>{formLevelError(create.error, ['label', 'workspace', 'expires_at'])}</Alert>
        )}
        <InputField
          label="Name"
          name="label"
          placeholder="CI deploys"
          error={errors.label ?? serverFieldError(create.error, 'label')}
          autoFocus
        />
        <SelectField
          label="Workspace access"
          name="workspace"
          defaultValue=""
          error={serverFieldError(create.error, 'workspace')}
        >
          <option value="">All my workspaces</option>
          {workspaces.map((w) => (
            <option key={w.id} value={w.slug}>
              Only {w.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Expires" name="expires" defaultValue="90">
          {Object.entries(expiryChoices).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create token
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
