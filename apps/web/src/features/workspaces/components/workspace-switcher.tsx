import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/avatar.tsx';
import { cn } from '@/lib/cn.ts';
import { roleLabels } from '@/lib/permissions.ts';
import { useWorkspaces } from '../api/get-workspaces.ts';

/**
 * The current workspace and a menu to jump to another or create one. Arrow keys move through the menu,
 * Escape closes it and returns focus to the button.
 */
export function WorkspaceSwitcher({
  currentSlug,
  currentName,
}: {
  currentSlug: string;
  currentName: string;
}) {
  const { data: workspaces } = useWorkspaces();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (event: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-subtle"
      >
        <Avatar name={currentName} square />
        <span className="min-w-0 flex-1">
          <span className="sr-only">Current workspace: </span>
          <span className="block truncate font-semibold text-ink">{currentName}</span>
        </span>
        <ChevronsUpDown className="size-4 text-muted" aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Switch workspace"
          onKeyDown={onMenuKey}
          className="absolute top-full right-0 left-0 z-30 mt-1 rounded-lg border border-line bg-surface p-1 shadow-lg"
        >
          <p className="px-2 pt-1.5 pb-1 text-xs font-medium text-muted">Workspaces</p>
          {(workspaces ?? []).map((w) => (
            <Link
              key={w.id}
              role="menuitem"
              to={`/${w.slug}`}
              onClick={() => setOpen(false)}
              className={cn(
                'flex items-center gap-2.5 rounded-md px-2 py-1.5 text-ink hover:bg-subtle focus-visible:bg-subtle focus-visible:outline-none',
              )}
            >
              <Avatar name={w.name} size="sm" square />
              <span className="min-w-0 flex-1 truncate">{w.name}</span>
              {w.role && <span className="text-xs text-muted">{roleLabels[w.role]}</span>}
              {w.slug === currentSlug ? (
                <Check className="size-4 text-accent-text" aria-label="current" />
              ) : (
                <span className="size-4" aria-hidden="true" />
              )}
            </Link>
          ))}
          <div className="my-1 h-px bg-line" role="separator" />
          <Link
            role="menuitem"
            to="/new"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2.5 rounded-md px-2 py-1.5 text-ink hover:bg-subtle focus-visible:bg-subtle focus-visible:outline-none"
          >
            <span className="flex size-6 items-center justify-center rounded-md border border-dashed border-line-strong text-muted">
              <Plus className="size-3.5" aria-hidden="true" />
            </span>
            Create workspace
          </Link>
        </div>
      )}
    </div>
  );
}
