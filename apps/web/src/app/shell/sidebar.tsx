import { LogOut, Moon, Plus, Search, Sun } from 'lucide-react';
import { Link, NavLink } from 'react-router';
import { Avatar } from '@/components/ui/avatar.tsx';
import { BrandMark } from '@/components/ui/brand-mark.tsx';
import { UnreadBadge } from '@/features/notifications/components/unread-badge.tsx';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher.tsx';
import type { Me, Workspace } from '@/lib/api-types.ts';
import { cn } from '@/lib/cn.ts';
import { can } from '@/lib/permissions.ts';
import { useSignOut } from '@/lib/session.ts';
import { toggleTheme, useTheme } from '@/lib/theme.ts';
import { navItems, navSections, workspacePath } from './nav.ts';

interface SidebarProps {
  me: Me;
  current: Workspace | undefined;
  onOpenPalette: () => void;
  /** Below the laptop breakpoint the sidebar is a drawer. */
  open: boolean;
  onClose: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const paletteShortcut = isMac ? '⌘K' : 'Ctrl K';

const itemClasses = ({ isActive }: { isActive: boolean }) =>
  cn(
    'flex items-center gap-2.5 rounded-md px-2 py-1.5 font-medium transition-colors',
    isActive ? 'bg-subtle text-ink' : 'text-muted hover:bg-subtle hover:text-ink',
  );

export function Sidebar({ me, current, onOpenPalette, open, onClose }: SidebarProps) {
  const signOut = useSignOut();
  useTheme();
  const dark = typeof document !== 'undefined' && document.documentElement.classList.contains('dark');

  const sections = current
    ? navSections
        .map((section) => ({
          ...section,
          items: navItems.filter((i) => i.section === section.id && can(current.role, i.permission)),
        }))
        .filter((s) => s.items.length > 0)
    : [];

  return (
    <>
      {open && (
        <div className="fixed inset-0 z-30 bg-black/30 lg:hidden" onClick={onClose} aria-hidden="true" />
      )}
      <aside
        className={cn(
          'fixed inset-y-0 left-0 z-40 flex w-64 flex-col border-r border-line bg-surface transition-transform lg:translate-x-0',
          open ? 'translate-x-0 shadow-xl' : '-translate-x-full max-lg:invisible',
        )}
        aria-label="Sidebar"
      >
        <div className="p-3 pb-2">
          {current ? (
            <WorkspaceSwitcher currentSlug={current.slug} currentName={current.name} />
          ) : (
            <Link to="/" className="flex items-center gap-2.5 px-2 py-1.5 font-semibold">
              <BrandMark className="size-7" />
              Agency OS
            </Link>
          )}
        </div>
        <div className="px-3">
          <button
            type="button"
            onClick={onOpenPalette}
            className="flex w-full cursor-pointer items-center gap-2 rounded-md border border-line bg-canvas px-2.5 py-1.5 text-muted hover:border-line-strong"
          >
            <Search className="size-4" aria-hidden="true" />
            <span className="flex-1 text-left">Search or jump to…</span>
            <kbd className="rounded border border-line bg-surface px-1.5 font-sans text-[11px]">
              {paletteShortcut}
            </kbd>
          </button>
        </div>

        <nav aria-label="Workspace" className="mt-4 flex-1 space-y-5 overflow-y-auto px-3">
          {sections.map((section) => (
            <div key={section.id}>
              {section.label && <p className="mb-1 px-2 text-xs font-medium text-muted">{section.label}</p>}
              <ul className="space-y-0.5">
                {section.items.map((item) => (
                  <li key={item.id}>
                    <NavLink
                      to={workspacePath(current!.slug, item.path)}
                      end={item.path === ''}
                      className={itemClasses}
                    >
                      <item.icon className="size-4" aria-hidden="true" />
                      {item.label}
                      {item.id === 'notifications' && <UnreadBadge slug={current!.slug} />}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {!current && (
            <NavLink to="/new" className={itemClasses}>
              <Plus className="size-4" aria-hidden="true" />
              Create workspace
            </NavLink>
          )}
        </nav>

        <div className="border-t border-line p-3">
          <div className="flex items-center gap-1">
            <NavLink to="/me" className={(s) => cn(itemClasses(s), 'min-w-0 flex-1')}>
              <Avatar name={me.user.name} size="sm" />
              <span className="min-w-0">
                <span className="block truncate text-ink">{me.user.name}</span>
              </span>
            </NavLink>
            <button
              type="button"
              onClick={toggleTheme}
              className="cursor-pointer rounded-md p-2 text-muted hover:bg-subtle hover:text-ink"
              aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}
            >
              {dark ? (
                <Sun className="size-4" aria-hidden="true" />
              ) : (
                <Moon className="size-4" aria-hidden="true" />
              )}
            </button>
            <button
              type="button"
              onClick={() => signOut.mutate()}
              className="cursor-pointer rounded-md p-2 text-muted hover:bg-subtle hover:text-ink"
              aria-label="Sign out"
            >
              <LogOut className="size-4" aria-hidden="true" />
            </button>
          </div>
        </div>
      </aside>
    </>
  );
}
