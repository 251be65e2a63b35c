import { useState } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { useSchemaForm } from '@/lib/forms.ts';
import { signInInput, useSignInEmail } from '../api/sign-in-email.ts';
import { authErrorMessage } from './auth-errors.ts';

interface SignInFormProps {
  defaultEmail?: string;
  onSignedIn: () => void;
  onUseMagicLink?: (email: string) => void;
}

export function SignInForm({ defaultEmail, onSignedIn, onUseMagicLink }: SignInFormProps) {
  const signIn = useSignInEmail();
  const { errors, onSubmit: submit } = useSchemaForm(signInInput, (data) => {
    signIn.mutate(data, { onSuccess: onSignedIn });
  });
  const [email, setEmail] = useState(defaultEmail ?? '');

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Sign in with password">
      {signIn.error && <Alert>{authErrorMessage(signIn.error)}</Alert>}
      <InputField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.email}
        autoFocus={!defaultEmail}
      />
      <InputField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
        autoFocus={Boolean(defaultEmail)}
      />
      <Button type="submit" variant="primary" className="w-full" pending={signIn.isPending}>
        Sign in
      </Button>
      {onUseMagicLink && (
        <Button variant="ghost" className="w-full text-muted" onClick={() => onUseMagicLink(email)}>
          E-mail me a sign-in link instead
        </Button>
      )}
    </form>
  );
}
