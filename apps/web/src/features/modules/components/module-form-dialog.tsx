import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField, SelectField } from '@/components/ui/field.tsx';
import { formLevelError, serverFieldError } from '@/lib/forms.ts';
import { personName } from '@/lib/plane-plans.ts';
import { moduleStatuses, type ModuleStatus, type UserLite } from '@/lib/plane-types.ts';
import { moduleStatusLabels, type ModuleInput } from '../api/modules.ts';

/** Name, status and lead of a new module. */
export function ModuleFormDialog({
  open,
  onClose,
  people,
  pending,
  error,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  people: UserLite[];
  pending: boolean;
  error: unknown;
  onSubmit: (input: ModuleInput & { name: string }) => void;
}) {
  const [nameError, setNameError] = useState<string>();
  const close = () => {
    setNameError(undefined);
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) {
      setNameError('Name the module, e.g. “Checkout redesign”.');
      const field = event.currentTarget.elements.namedItem('name');
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setNameError(undefined);
    const lead = String(form.get('lead') ?? '');
    onSubmit({ name, status: String(form.get('status')) as ModuleStatus, lead: lead || null });
  };
  const formError = formLevelError(error, ['name']);
  return (
    <Dialog
      open={open}
      onClose={close}
      title="New module"
      description="A module groups the work items of one workstream, across cycles."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create a module">
        {formError && <Alert>{formError}</Alert>}
        <InputField
          label="Name"
          name="name"
          autoFocus
          autoComplete="off"
          error={nameError ?? serverFieldError(error, 'name')}
        />
        <div className="grid grid-cols-2 gap-3">
          <SelectField label="Status" name="status" defaultValue="planned">
            {moduleStatuses.map((s) => (
              <option key={s} value={s}>
                {moduleStatusLabels[s]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Lead" name="lead" defaultValue="">
            <option value="">No lead</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {personName(p)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={pending}>
            Create module
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
