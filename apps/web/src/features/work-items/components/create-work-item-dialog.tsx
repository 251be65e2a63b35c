import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField, SelectField } from '@/components/ui/field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { priorities, type Priority, type Project, type WorkItem } from '@/lib/plane-types.ts';
import { useCreateWorkItem } from '../api/create-work-item.ts';
import { useStates } from '../api/get-states.ts';
import { itemKey, priorityLabels } from './display.tsx';

interface CreateWorkItemDialogProps {
  slug: string;
  project: Project;
  open: boolean;
  onClose: () => void;
  onCreated?: (item: WorkItem) => void;
}

/** `c` anywhere in a project: name, state and priority of a new work item. */
export function CreateWorkItemDialog({ slug, project, open, onClose, onCreated }: CreateWorkItemDialogProps) {
  const states = useStates(slug, project.id);
  const create = useCreateWorkItem(slug, project.id);
  const toast = useToast();
  const [error, setError] = useState<string | undefined>();

  const close = () => {
    create.reset();
    setError(undefined);
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) {
      setError('Name the work item, e.g. “Draft the homepage copy”.');
      return;
    }
    setError(undefined);
    const state = String(form.get('state') ?? '');
    create.mutate(
      { name, priority: String(form.get('priority')) as Priority, ...(state ? { state } : {}) },
      {
        onSuccess: (item) => {
          toast(`Created ${itemKey(project.identifier, item.sequence_id)}`);
          close();
          onCreated?.(item);
        },
      },
    );
  };

  const defaultState = states.data?.find((s) => s.default)?.id ?? '';
  return (
    <Dialog open={open} onClose={close} title={`New work item in ${project.name}`}>
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create a work item">
        {create.isError && !create.error.message.includes('name') && <Alert>{create.error.message}</Alert>}
        <InputField label="Name" name="name" autoFocus autoComplete="off" error={error} />
        <div className="grid grid-cols-2 gap-3">
          <SelectField label="State" name="state" defaultValue={defaultState} key={defaultState}>
            {(states.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Priority" name="priority" defaultValue="none">
            {priorities.map((p) => (
              <option key={p} value={p}>
                {priorityLabels[p]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create work item
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
