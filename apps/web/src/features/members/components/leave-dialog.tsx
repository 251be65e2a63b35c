import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { useLeaveWorkspace } from '../api/leave-workspace.ts';

export function LeaveDialog({
  slug,
  name,
  open,
  onClose,
  onLeft,
}: {
  slug: string;
  name: string;
  open: boolean;
  onClose: () => void;
  onLeft: () => void;
}) {
  const leave = useLeaveWorkspace();
  return (
    <ConfirmDialog
      open={open}
      title={`Leave ${name}?`}
      description="You lose access at once. Someone who manages members can invite you again."
      confirmLabel="Leave workspace"
      pending={leave.isPending}
      error={leave.error}
      onClose={() => {
        leave.reset();
        onClose();
      }}
      onConfirm={() => leave.mutate(slug, { onSuccess: onLeft })}
    />
  );
}
