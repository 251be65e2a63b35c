import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { useSchemaForm } from '@/lib/forms.ts';
import { signUpInput, useSignUpEmail } from '../api/sign-up-email.ts';
import { authErrorMessage } from './auth-errors.ts';

export function SignUpForm({ defaultEmail, onSignedUp }: { defaultEmail?: string; onSignedUp: () => void }) {
  const signUp = useSignUpEmail();
  const { errors, onSubmit: submit } = useSchemaForm(signUpInput, (data) => {
    signUp.mutate(data, { onSuccess: onSignedUp });
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create your account">
      {signUp.error && <Alert>{authErrorMessage(signUp.error)}</Alert>}
      <InputField label="Full name" name="name" autoComplete="name" error={errors.name} autoFocus />
      <InputField
        label="Work e-mail"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={defaultEmail}
        error={errors.email}
      />
      <InputField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint="At least 8 characters."
      />
      <Button type="submit" variant="primary" className="w-full" pending={signUp.isPending}>
        Create account
      </Button>
    </form>
  );
}
