import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField } from '@/components/ui/field.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { useDeleteWorkspace } from '../api/workspace-settings.ts';

/** Deleting cannot be undone, so the owner types the workspace's address to confirm. */
export function DeleteWorkspaceDialog({
  workspace,
  open,
  onClose,
  onDeleted,
}: {
  workspace: Workspace;
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteWorkspace(workspace.slug);
  const [typed, setTyped] = useState('');
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Delete ${workspace.name}?`}
      description="Its projects, work items, agents and members' access go for good. This cannot be undone."
    >
      <form
        className="space-y-4"
        aria-label="Delete the workspace"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed === workspace.slug) remove.mutate(undefined, { onSuccess: onDeleted });
        }}
      >
        {remove.error instanceof Error && <Alert>{remove.error.message}</Alert>}
        <InputField
          label={`Type ${workspace.slug} to confirm`}
          name="confirm"
          autoComplete="off"
          autoFocus
          value={typed}
          onChange={(e) => setTyped(e.target.value.trim())}
        />
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button
            type="submit"
            variant="danger"
            pending={remove.isPending}
            disabled={typed !== workspace.slug}
          >
            Delete workspace
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
