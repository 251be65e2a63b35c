import { Spinner } from '@/components/ui/spinner.tsx';

export function RouteLoading() {
  return (
    <div role="status" className="flex min-h-screen items-center justify-center gap-2 text-muted">
      <Spinner />
      <span>Loading Agency OS…</span>
    </div>
  );
}
