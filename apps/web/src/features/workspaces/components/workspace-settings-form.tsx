import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { TimeZoneField } from '@/components/ui/time-zone-field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { Workspace } from '@/lib/api-types.ts';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { useUpdateWorkspace, workspaceSettingsInput } from '../api/workspace-settings.ts';

/** Name and time zone; the slug is the workspace's address and stays as it was created. */
export function WorkspaceSettingsForm({ workspace }: { workspace: Workspace }) {
  const update = useUpdateWorkspace(workspace.slug);
  const toast = useToast();
  const { errors, onSubmit: submit } = useSchemaForm(workspaceSettingsInput, (data) => {
    update.mutate(data, { onSuccess: () => toast('Workspace settings saved') });
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4 p-5" aria-label="Workspace settings">
      {formLevelError(update.error, ['name', 'timezone']) && (
        <Alert>{formLevelError(update.error, ['name', 'timezone'])}</Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Name"
          name="name"
          defaultValue={workspace.name}
          autoComplete="organization"
          error={errors.name ?? serverFieldError(update.error, 'name')}
        />
        <InputField
          label="Address"
          name="slug_shown"
          defaultValue={`/${workspace.slug}`}
          readOnly
          disabled
          hint="Links to the workspace use it; it cannot change."
        />
        <TimeZoneField
          value={workspace.timezone}
          error={errors.timezone ?? serverFieldError(update.error, 'timezone')}
          hint="Cycles start and end, and “today” turns, in this zone."
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={update.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
