import { MailCheck } from 'lucide-react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { InputField } from '@/components/ui/field.tsx';
import { useSchemaForm } from '@/lib/forms.ts';
import { magicLinkInput, useRequestMagicLink } from '../api/request-magic-link.ts';
import { authErrorMessage } from './auth-errors.ts';

interface MagicLinkFormProps {
  next: string;
  defaultEmail?: string;
  onUsePassword?: () => void;
}

/** Asks for a one-time link, then tells the person where to look for it. */
export function MagicLinkForm({ next, defaultEmail, onUsePassword }: MagicLinkFormProps) {
  const request = useRequestMagicLink();
  const { errors, onSubmit: submit } = useSchemaForm(magicLinkInput, (data) => {
    request.mutate({ email: data.email, next });
  });

  if (request.isSuccess) {
    return (
      <div role="status" className="text-center">
        <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-accent-soft text-accent-text">
          <MailCheck className="size-5" aria-hidden="true" />
        </div>
        <h2 className="text-base font-semibold">Check your mail</h2>
        <p className="mt-1.5 text-muted">
          We sent a sign-in link to <span className="font-medium text-ink">{request.variables.email}</span>.
          It works once, for 10 minutes.
        </p>
        <Button variant="ghost" className="mt-4" onClick={() => request.reset()}>
          Use a different address
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Sign in with an e-mail link">
      {request.error && <Alert>{authErrorMessage(request.error)}</Alert>}
      <InputField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={defaultEmail}
        error={errors.email}
        hint="We will e-mail you a link that signs you in, no password needed."
        autoFocus
      />
      <Button type="submit" variant="primary" className="w-full" pending={request.isPending}>
        E-mail me a link
      </Button>
      {onUsePassword && (
        <Button variant="ghost" className="w-full text-muted" onClick={onUsePassword}>
          Use a password instead
        </Button>
      )}
    </form>
  );
}
