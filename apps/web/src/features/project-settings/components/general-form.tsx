import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formLevelError, serverFieldError } from '@/lib/forms.ts';
import { useUpdateProject } from '@/lib/plane-plans.ts';
import type { Project } from '@/lib/plane-types.ts';

/** The project's name and description. */
export function GeneralForm({
  slug,
  project,
  canManage,
}: {
  slug: string;
  project: Project;
  canManage: boolean;
}) {
  const update = useUpdateProject(slug, project.id);
  const toast = useToast();
  const [nameError, setNameError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    if (!name) {
      setNameError('A project needs a name, e.g. “Website relaunch”.');
      const field = event.currentTarget.elements.namedItem('name');
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setNameError(undefined);
    update.mutate({ name, description }, { onSuccess: () => toast('Project saved') });
  };
  const formError = formLevelError(update.error, ['name', 'description']);
  return (
    <Card>
      <CardHeader title="General" headingId="settings-general" description="What the project is called." />
      <form onSubmit={submit} noValidate className="space-y-4 p-5" aria-labelledby="settings-general">
        {formError && <Alert>{formError}</Alert>}
        <InputField
          label="Project name"
          name="name"
          defaultValue={project.name}
          key={project.name}
          disabled={!canManage}
          autoComplete="off"
          error={nameError ?? serverFieldError(update.error, 'name')}
        />
        <InputField
          label="Description"
          name="description"
          defaultValue={project.description}
          key={`d-${project.description}`}
          disabled={!canManage}
          autoComplete="off"
          error={serverFieldError(update.error, 'description')}
        />
        <p className="text-[13px] text-muted">
          Identifier <span className="font-medium text-ink">{project.identifier}</span> numbers the work items
          ({project.identifier}-1, {project.identifier}-2, …) and does not change.
        </p>
        {canManage && (
          <div className="flex justify-end">
            <Button type="submit" variant="primary" pending={update.isPending}>
              Save
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
