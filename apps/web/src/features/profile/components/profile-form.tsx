import { useMemo, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField, SelectField } from '@/components/ui/field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import type { User } from '@/lib/api-types.ts';
import {
  focusFirstError,
  formLevelError,
  parseForm,
  serverFieldError,
  type FieldErrors,
} from '@/lib/forms.ts';
import { updateProfileInput, useUpdateProfile } from '../api/update-profile.ts';

export function ProfileForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors>({});
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(user.timezone) ? all : [user.timezone, ...all];
  }, [user.timezone]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseForm(updateProfileInput, event.currentTarget);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      focusFirstError(event.currentTarget, parsed.errors);
      return;
    }
    setErrors({});
    update.mutate(parsed.data, { onSuccess: () => toast('Profile saved') });
  };

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
        <SelectField
          label="Time zone"
          name="timezone"
          defaultValue={user.timezone}
          error={errors.timezone ?? serverFieldError(update.error, 'timezone')}
          hint="Dates and due times are shown in this zone."
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
