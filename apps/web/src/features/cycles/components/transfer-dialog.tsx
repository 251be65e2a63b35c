import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import type { Cycle } from '@/lib/plane-types.ts';
import { cycleStatusLabels } from './cycle-display.tsx';

/** Moves the unfinished items of an ended cycle into a cycle that has not ended. */
export function TransferDialog({
  open,
  onClose,
  cycle,
  pendingCount,
  targets,
  pending,
  error,
  onTransfer,
}: {
  open: boolean;
  onClose: () => void;
  cycle: Cycle;
  pendingCount: number;
  targets: Cycle[];
  pending: boolean;
  error: unknown;
  onTransfer: (targetId: string) => void;
}) {
  const [target, setTarget] = useState('');
  const chosen = target || targets[0]?.id || '';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Transfer unfinished work of ${cycle.name}`}
      description={`${pendingCount} ${pendingCount === 1 ? 'work item is' : 'work items are'} not done. They move to the cycle you pick; ${cycle.name} keeps its progress as it ended.`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" pending={pending} disabled={!chosen} onClick={() => onTransfer(chosen)}>
            Transfer work items
          </Button>
        </>
      }
    >
      {error instanceof Error && <Alert>{error.message}</Alert>}
      {targets.length === 0 ? (
        <p className="text-muted">
          There is no cycle to move them to. Create a current, upcoming or draft cycle first.
        </p>
      ) : (
        <SelectField label="Move them to" value={chosen} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({cycleStatusLabels[c.status].toLowerCase()})
            </option>
          ))}
        </SelectField>
      )}
    </Dialog>
  );
}
