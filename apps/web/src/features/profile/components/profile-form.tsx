import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { TimeZoneField } from '@/components/ui/time-zone-field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { User } from '@/lib/api-types.ts';
import { formLevelError, serverFieldError, useSchemaForm } from '@/lib/forms.ts';
import { updateProfileInput, useUpdateProfile } from '../api/update-profile.ts';

export function ProfileForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const toast = useToast();
  const { errors, onSubmit: submit } = useSchemaForm(updateProfileInput, (data) => {
    update.mutate(data, { onSuccess: () => toast('Profile saved') });
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4 p-5" aria-label="Profile">
      {formLevelError(update.error, ['name', 'timezone']) && (
        <Alert>{formLevelError(update.error, ['name', 'timezone'])}</Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Name"
          name="name"
          defaultValue={user.name}
          autoComplete="name"
          error={errors.name ?? serverFieldError(update.error, 'name')}
        />
        <InputField
          label="E-mail"
          name="email_shown"
          defaultValue={user.email}
          readOnly
          disabled
          hint="Your sign-in address."
        />
        <TimeZoneField
          value={user.timezone}
          error={errors.timezone ?? serverFieldError(update.error, 'timezone')}
          hint="Dates and due times are shown in this zone."
        />
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
