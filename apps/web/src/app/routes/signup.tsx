import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuthMethods } from '@/features/auth/api/get-auth-methods.ts';
import { AuthLayout } from '@/features/auth/components/auth-layout.tsx';
import { OAuthButtons } from '@/features/auth/components/oauth-buttons.tsx';
import { SignUpForm } from '@/features/auth/components/sign-up-form.tsx';
import { safeNext, useMe } from '@/lib/session.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { RouteLoading } from './route-loading.tsx';

export function Component() {
  useDocumentTitle('Create your account');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const methods = useAuthMethods();

  if (me.isPending) return <RouteLoading />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Run clients, projects and your AI workforce in one place."
      footer={
        <>
          Already have an account?{' '}
          <Link
            to={`/login${params.size > 0 ? `?${params.toString()}` : ''}`}
            className="font-medium text-accent-text hover:underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      <div className="space-y-4">
        {methods.data && <OAuthButtons providers={methods.data.oauth} next={next} />}
        <SignUpForm
          defaultEmail={params.get('email') ?? undefined}
          onSignedUp={() => navigate(next, { replace: true })}
        />
      </div>
    </AuthLayout>
  );
}
