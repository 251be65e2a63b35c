import { CircleAlert } from 'lucide-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Button, buttonClasses } from '@/components/ui/button.tsx';

/** Last resort for a screen that failed to load or render (often a new release: a reload fixes it). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div role="alert" className="max-w-md text-center">
        <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-danger-soft text-danger">
          <CircleAlert className="size-5" aria-hidden="true" />
        </div>
        <h1 className="text-lg font-semibold">This screen could not be shown</h1>
        <p className="mt-1.5 text-muted">
          Reload the page; if Agency OS was just updated, that loads the new version. ({message})
        </p>
        <div className="mt-5 flex justify-center gap-2">
          <Button variant="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>
          <Link to="/" className={buttonClasses()}>
            Go home
          </Link>
        </div>
      </div>
    </main>
  );
}
