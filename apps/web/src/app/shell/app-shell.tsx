import { Menu } from 'lucide-react';
import { useLayoutEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { BrandMark } from '@/components/ui/brand-mark.tsx';
import { ErrorState } from '@/components/ui/states.tsx';
import { lastWorkspace, useMe } from '@/lib/session.ts';
import { RouteLoading } from '../routes/route-loading.tsx';
import { CommandPalette } from './command-palette.tsx';
import { KeyboardShortcuts } from './keyboard-shortcuts.tsx';
import { Sidebar } from './sidebar.tsx';

/** The signed-in frame: sidebar, command palette (Ctrl/Cmd-K) and the screen. Visitors go to sign-in. */
export function Component() {
  const me = useMe();
  const location = useLocation();
  const params = useParams();
  const [paletteOpen, setPaletteOpen] = useState(false);
  // The drawer (below laptop width) belongs to the page it was opened on: navigating closes it.
  const [navOpenAt, setNavOpenAt] = useState<string | null>(null);
  const navOpen = navOpenAt === location.pathname;

  // A layout effect: the shortcut must work from the first frame the shell is on screen, not a task later.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (me.isPending) return <RouteLoading />;
  if (me.isError)
    return <ErrorState error={me.error} onRetry={() => me.refetch()} title="Agency OS cannot be reached" />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const workspaces = me.data.workspaces;
  const slug = params.slug ?? lastWorkspace() ?? undefined;
  const current = workspaces.find((w) => w.slug === slug) ?? (params.slug ? undefined : workspaces[0]);

  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <Sidebar
        me={me.data}
        current={current}
        onOpenPalette={() => setPaletteOpen(true)}
        open={navOpen}
        onClose={() => setNavOpenAt(null)}
      />
      <div className="flex min-w-0 flex-1 flex-col lg:pl-64">
        <header className="sticky top-0 z-20 flex h-12 items-center gap-3 border-b border-line bg-surface/90 px-4 backdrop-blur lg:hidden">
          <button
            type="button"
            onClick={() => setNavOpenAt(location.pathname)}
            className="-ml-1 cursor-pointer rounded-md p-1.5 text-muted hover:bg-subtle"
            aria-label="Open navigation"
          >
            <Menu className="size-5" aria-hidden="true" />
          </button>
          <BrandMark className="size-6" />
          <span className="truncate font-semibold">{current?.name ?? 'Agency OS'}</span>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-5xl flex-1 px-5 py-8 focus:outline-none sm:px-8"
        >
          <Outlet />
        </main>
      </div>
      <CommandPalette
        open={paletteOpen}
        onClose={() => setPaletteOpen(false)}
        me={me.data}
        current={current}
      />
      <KeyboardShortcuts current={current} />
    </div>
  );
}
