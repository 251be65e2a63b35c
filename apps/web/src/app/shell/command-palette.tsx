import { ArrowRight, Building2, KeyRound, LogOut, Moon, Plus, Search } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Me, Workspace } from '@/lib/api-types.ts';
import { cn } from '@/lib/cn.ts';
import { useRegisteredCommands } from '@/lib/commands.ts';
import { can } from '@/lib/permissions.ts';
import { useSignOut } from '@/lib/session.ts';
import { toggleTheme } from '@/lib/theme.ts';
import { navItems, workspacePath } from './nav.ts';

interface Command {
  id: string;
  group: string;
  label: string;
  keywords: string;
  icon: typeof Search;
  run: () => void;
}

interface CommandPaletteProps {
  open: boolean;
  onClose: () => void;
  me: Me;
  current: Workspace | undefined;
}

function useCommands(me: Me, current: Workspace | undefined, close: () => void): Command[] {
  const navigate = useNavigate();
  const signOut = useSignOut();
  const registered = useRegisteredCommands();
  return useMemo(() => {
    const go = (to: string) => () => {
      close();
      navigate(to);
    };
    const screens: Command[] = current
      ? navItems
          .filter((item) => can(current.role, item.permission))
          .map((item) => ({
            id: `nav-${item.id}`,
            group: current.name,
            label: item.label,
            keywords: item.keywords ?? '',
            icon: item.icon,
            run: go(workspacePath(current.slug, item.path)),
          }))
      : [];
    const workspaces: Command[] = me.workspaces
      .filter((w) => w.slug !== current?.slug)
      .map((w) => ({
        id: `ws-${w.slug}`,
        group: 'Switch workspace',
        label: w.name,
        keywords: `workspace switch ${w.slug}`,
        icon: Building2,
        run: go(`/${w.slug}`),
      }));
    const actions: Command[] = [
      {
        id: 'new-workspace',
        group: 'Actions',
        label: 'Create workspace',
        keywords: 'new add',
        icon: Plus,
        run: go('/new'),
      },
      {
        id: 'profile',
        group: 'Actions',
        label: 'Profile and API tokens',
        keywords: 'me account token key',
        icon: KeyRound,
        run: go('/me'),
      },
      {
        id: 'theme',
        group: 'Actions',
        label: 'Toggle light and dark theme',
        keywords: 'dark light mode appearance',
        icon: Moon,
        run: () => {
          close();
          toggleTheme();
        },
      },
      {
        id: 'sign-out',
        group: 'Actions',
        label: 'Sign out',
        keywords: 'log out logout',
        icon: LogOut,
        run: () => {
          close();
          signOut.mutate();
        },
      },
    ];
    // Commands of the screen on show (lib/commands.ts), e.g. "Create work item" on a project.
    const onScreen: Command[] = registered
      .filter((c) => c.inPalette !== false)
      .map((c) => ({
        id: `screen-${c.id}`,
        group: c.group,
        label: c.label,
        keywords: c.keywords ?? '',
        icon: c.icon ?? Search,
        run: () => {
          close();
          c.run();
        },
      }));
    return [...onScreen, ...screens, ...workspaces, ...actions];
  }, [me.workspaces, current, close, navigate, signOut, registered]);
}

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function matches(command: Command, query: string): boolean {
  const haystack = `${command.label} ${command.group} ${command.keywords}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Ctrl/Cmd-K: type to filter, arrows to move, Enter to go, Escape to close. */
export function CommandPalette({ open, onClose, me, current }: CommandPaletteProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const commands = useCommands(me, current, onClose);
  const visible = commands.filter((c) => matches(c, query));

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setQuery('');
      setActive(0);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (visible.length === 0 ? 0 : (i + step + visible.length) % visible.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      visible[active]?.run();
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const groups = [...new Set(visible.map((c) => c.group))];
  return (
    <dialog
      ref={dialogRef}
      aria-label="Command palette"
      onClose={onClose}
      onClick={(event) => event.target === dialogRef.current && onClose()}
      className="mx-auto mt-[12vh] w-[min(36rem,calc(100vw-2rem))] overflow-hidden rounded-xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/40 backdrop:backdrop-blur-[2px]"
    >
      {open && (
        <>
          <div className="flex items-center gap-2.5 border-b border-line px-4">
            <Search className="size-4 text-muted" aria-hidden="true" />
            <input
              autoFocus
              role="combobox"
              aria-expanded="true"
              aria-controls={listId}
              aria-activedescendant={visible[active] ? `${listId}-${active}` : undefined}
              aria-label="Search screens, workspaces and actions"
              placeholder="Search screens, workspaces and actions…"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              className="h-12 flex-1 bg-transparent text-[15px] outline-none placeholder:text-muted"
            />
            <kbd className="rounded border border-line px-1.5 text-[11px] text-muted">Esc</kbd>
          </div>
          <div id={listId} role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto p-1.5">
            {visible.length === 0 && (
              <p className="px-3 py-8 text-center text-muted">Nothing matches “{query}”.</p>
            )}
            {groups.map((group) => (
              <div key={group} role="group" aria-labelledby={`${listId}-${slugOf(group)}`}>
                <div
                  id={`${listId}-${slugOf(group)}`}
                  className="px-2.5 pt-2.5 pb-1 text-xs font-medium text-muted"
                >
                  {group}
                </div>
                {visible.map((command, index) =>
                  command.group !== group ? null : (
                    <div
                      key={command.id}
                      id={`${listId}-${index}`}
                      role="option"
                      aria-selected={index === active}
                      onMouseMove={() => setActive(index)}
                      onClick={() => command.run()}
                      className={cn(
                        'flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-2 text-ink',
                        index === active && 'bg-subtle',
                      )}
                    >
                      <command.icon className="size-4 text-muted" aria-hidden="true" />
                      <span className="flex-1">{command.label}</span>
                      {index === active && <ArrowRight className="size-3.5 text-muted" aria-hidden="true" />}
                    </div>
                  ),
                )}
              </div>
            ))}
          </div>
        </>
      )}
    </dialog>
  );
}
