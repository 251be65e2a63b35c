import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Dialog } from '@/components/ui/dialog.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import type { Project } from '@/lib/plane-types.ts';
import { createProjectInput, suggestIdentifier, useCreateProject } from '../api/create-project.ts';

interface CreateProjectDialogProps {
  slug: string;
  open: boolean;
  onClose: () => void;
  onCreated: (project: Project) => void;
}

/** Name and identifier (the prefix of every work item's number) of a new project. */
export function CreateProjectDialog({ slug, open, onClose, onCreated }: CreateProjectDialogProps) {
  const create = useCreateProject(slug);
  const {
    errors,
    setErrors,
    onSubmit: submit,
  } = useSchemaForm(createProjectInput, (data) => {
    create.mutate(data, {
      onSuccess: (project) => {
        close();
        onCreated(project);
      },
    });
  });
  const [name, setName] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [identifierEdited, setIdentifierEdited] = useState(false);

  // A declaration, so the submit handler above can close the dialog too.
  function close() {
    create.reset();
    setErrors({});
    setName('');
    setIdentifier('');
    setIdentifierEdited(false);
    onClose();
  }

  const fields = ['name', 'identifier', 'description'];
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create a project"
      description="A project holds work items on a board and in a list."
    >
      <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create a project">
        {formLevelError(create.error, fields) && <Alert>{formLevelError(create.error, fields)}</Alert>}
        <InputField
          label="Project name"
          name="name"
          value={name}
          placeholder="Website relaunch"
          autoFocus
          autoComplete="off"
          onChange={(e) => {
            setName(e.target.value);
            if (!identifierEdited) setIdentifier(suggestIdentifier(e.target.value));
            setErrors({});
          }}
          error={errors.name ?? serverFieldError(create.error, 'name')}
        />
        <InputField
          label="Identifier"
          name="identifier"
          value={identifier}
          placeholder="WEB"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setIdentifierEdited(true);
            setIdentifier(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, ''));
            setErrors((all) => ({ ...all, identifier: undefined }));
          }}
          error={errors.identifier ?? serverFieldError(create.error, 'identifier')}
          hint={
            <>
              Work items are numbered <span className="font-medium text-ink">{identifier || 'WEB'}-1</span>,{' '}
              <span className="font-medium text-ink">{identifier || 'WEB'}-2</span>…
            </>
          }
        />
        <InputField
          label="Description (optional)"
          name="description"
          autoComplete="off"
          error={errors.description ?? serverFieldError(create.error, 'description')}
        />
        <div className="flex justify-end gap-2 pt-1">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={create.isPending}>
            Create project
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
