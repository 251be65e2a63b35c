import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert.tsx';
import { useAuthMethods } from '@/features/auth/api/get-auth-methods.ts';
import { authErrorMessage } from '@/features/auth/components/auth-errors.ts';
import { AuthLayout } from '@/features/auth/components/auth-layout.tsx';
import { MagicLinkForm } from '@/features/auth/components/magic-link-form.tsx';
import { OAuthButtons } from '@/features/auth/components/oauth-buttons.tsx';
import { SignInForm } from '@/features/auth/components/sign-in-form.tsx';
import { safeNext, useMe } from '@/lib/session.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { RouteLoading } from './route-loading.tsx';

export function Component() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const email = params.get('email') ?? undefined;
  const navigate = useNavigate();
  const me = useMe();
  const methods = useAuthMethods();
  const [mode, setMode] = useState<'password' | 'magic'>('password');
  const [magicEmail, setMagicEmail] = useState(email);

  if (me.isPending) return <RouteLoading />;
  if (me.data) return <Navigate to={next} replace />;

  const signupHref = `/signup${params.size > 0 ? `?${params.toString()}` : ''}`;
  const linkError = params.get('error');

  return (
    <AuthLayout
      title="Sign in to Agency OS"
      subtitle="Welcome back. Your workspaces are waiting."
      footer={
        <>
          New here?{' '}
          <Link to={signupHref} className="font-medium text-accent-text hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        {linkError && <Alert>{authErrorMessage(linkError)}</Alert>}
        {methods.data && <OAuthButtons providers={methods.data.oauth} next={next} />}
        {mode === 'password' ? (
          <SignInForm
            defaultEmail={email}
            onSignedIn={() => navigate(next, { replace: true })}
            onUseMagicLink={
              methods.data?.magic_link
                ? (typed) => {
                    setMagicEmail(typed || email);
                    setMode('magic');
                  }
                : undefined
            }
          />
        ) : (
          <MagicLinkForm next={next} defaultEmail={magicEmail} onUsePassword={() => setMode('password')} />
        )}
      </div>
    </AuthLayout>
  );
}
