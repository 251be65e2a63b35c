import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button.tsx';
import { useDocumentTitle } from '@/lib/use-document-title.ts';

export function Component() {
  useDocumentTitle('Not found');
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-subtle text-muted">
          <Compass className="size-5" aria-hidden="true" />
        </div>
        <h1 className="text-lg font-semibold">There is nothing at this address</h1>
        <p className="mt-1.5 text-muted">
          The link may be mistyped or the page moved. Press Ctrl K to jump anywhere.
        </p>
        <Link to="/" className={buttonClasses('secondary', 'md', 'mt-5')}>
          Go home
        </Link>
      </div>
    </main>
  );
}
