import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { createWorkspaceInput, slugify, useCreateWorkspace } from '../api/create-workspace.ts';

/** Name and URL of a new workspace; the URL follows the name until the person edits it. */
export function CreateWorkspaceForm({
  onCreated,
  onCancel,
}: {
  onCreated: (w: Workspace) => void;
  onCancel?: () => void;
}) {
  const create = useCreateWorkspace();
  const { errors, onSubmit: submit } = useSchemaForm(createWorkspaceInput, (data) => {
    create.mutate(data, { onSuccess: onCreated });
  });
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create a workspace">
      {formLevelError(create.error, ['slug', 'name']) && (
        <Alert>{formLevelError(create.error, ['slug', 'name'])}</Alert>
      )}
      <InputField
        label="Workspace name"
        name="name"
        value={name}
        placeholder="Northwind Studio"
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(slugify(e.target.value));
        }}
        error={errors.name ?? serverFieldError(create.error, 'name')}
        autoFocus
      />
      <InputField
        label="Workspace URL"
        name="slug"
        value={slug}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value.toLowerCase());
        }}
        error={errors.slug ?? serverFieldError(create.error, 'slug')}
        hint={
          <>
            {window.location.host}/<span className="font-medium text-ink">{slug || 'your-workspace'}</span>
          </>
        }
        spellCheck={false}
        autoCapitalize="off"
      />
      <div className="flex justify-end gap-2 pt-1">
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
        <Button
          type="submit"
          variant="primary"
          pending={create.isPending}
          className={onCancel ? undefined : 'w-full'}
        >
          Create workspace
        </Button>
      </div>
    </form>
  );
}
