import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { formLevelError, serverFieldError, type FieldErrors } from '@/lib/forms.ts';
import type { Cycle } from '@/lib/plane-types.ts';
import type { CycleInput } from '../api/cycles.ts';
import { dayOf } from './cycle-display.tsx';

/** Name and dates of a new cycle, or of one being edited; dates come both or neither. */
export function CycleFormDialog({
  open,
  onClose,
  cycle,
  pending,
  error,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  cycle?: Cycle;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CycleInput & { name: string }) => void;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const close = () => {
    setErrors({});
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const start = String(form.get('start_date') ?? '');
    const end = String(form.get('end_date') ?? '');
    const found: FieldErrors = {};
    if (!name) found.name = 'Name the cycle, e.g. “Sprint 12”.';
    if (start && !end) found.end_date = 'Give an end date too, or clear the start date for a draft.';
    if (!start && end) found.start_date = 'Give a start date too, or clear the end date for a draft.';
    if (start && end && start > end) found.end_date = 'The end date cannot be before the start date.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = event.currentTarget.elements.namedItem(Object.keys(found)[0]!);
      if (first instanceof HTMLElement) first.focus();
      return;
    }
    onSubmit({ name, start_date: start || null, end_date: end || null });
  };
  const fields = ['name', 'start_date', 'end_date'];
  const formError = formLevelError(error, fields);
  return (
    <Dialog
      open={open}
      onClose={close}
      title={cycle ? `Edit ${cycle.name}` : 'New cycle'}
      description="A cycle is a time box of work. Leave the dates empty to plan it as a draft."
    >
      <form
        onSubmit={submit}
        noValidate
        className="space-y-4"
        aria-label={cycle ? 'Edit cycle' : 'Create a cycle'}
      >
        {formError && <Alert>{formError}</Alert>}
        <InputField
          label="Name"
          name="name"
          autoFocus
          autoComplete="off"
          defaultValue={cycle?.name}
          error={errors.name ?? serverFieldError(error, 'name')}
        />
        <div className="grid grid-cols-2 gap-3">
          <InputField
            label="Start date"
            name="start_date"
            type="date"
            defaultValue={dayOf(cycle?.start_date ?? null)}
            error={errors.start_date ?? serverFieldError(error, 'start_date')}
          />
          <InputField
            label="End date"
            name="end_date"
            type="date"
            defaultValue={dayOf(cycle?.end_date ?? null)}
            error={errors.end_date ?? serverFieldError(error, 'end_date')}
          />
        </div>
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={pending}>
            {cycle ? 'Save cycle' : 'Create cycle'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
