import { Check } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

export interface MenuItem {
  id: string;
  label: string;
  /** Present for a checkbox item (the menu stays open while people tick several). */
  checked?: boolean;
  disabled?: boolean;
  prefix?: ReactNode;
  onSelect: () => void;
}

interface MenuProps {
  /** The button's accessible name, e.g. "Move WEB-3". */
  label: string;
  trigger: ReactNode;
  items: MenuItem[];
  triggerClassName?: string;
  align?: 'start' | 'end';
  /** Shown when there are no items. */
  empty?: string;
  footer?: ReactNode;
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it with focus on the first item,
 * arrows move, Escape closes and returns focus to the button, a click outside closes it.
 */
export function Menu({ label, trigger, items, triggerClassName, align = 'start', empty, footer }: MenuProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    rootRef.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const focusable = () => [
    ...(rootRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ??
      []),
  ];

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = focusable();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(list.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div ref={rootRef} className="relative inline-block">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => {
          event.preventDefault();
          event.stopPropagation();
          setOpen((o) => !o);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn('cursor-pointer', triggerClassName)}
      >
        {trigger}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onMenuKey}
          onClick={(event) => event.stopPropagation()}
          className={cn(
            'absolute top-full z-30 mt-1 max-h-72 min-w-48 overflow-y-auto rounded-lg border border-line bg-surface p-1 text-ink shadow-xl',
            align === 'end' ? 'right-0' : 'left-0',
          )}
        >
          {items.length === 0 && empty && <p className="px-2.5 py-2 text-muted">{empty}</p>}
          {items.map((item) => (
            <div
              key={item.id}
              role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={item.checked}
              aria-disabled={item.disabled || undefined}
              tabIndex={-1}
              onClick={(event) => {
                event.preventDefault();
                if (item.disabled) return;
                item.onSelect();
                if (item.checked === undefined) {
                  setOpen(false);
                  buttonRef.current?.focus();
                }
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  (event.currentTarget as HTMLElement).click();
                }
              }}
              className={cn(
                'flex cursor-pointer items-center gap-2 rounded-md px-2.5 py-1.5 whitespace-nowrap outline-none hover:bg-subtle focus:bg-subtle',
                item.disabled && 'cursor-not-allowed opacity-60',
              )}
            >
              {item.checked !== undefined && (
                <span
                  aria-hidden="true"
                  className={cn(
                    'flex size-4 items-center justify-center rounded border',
                    item.checked ? 'border-accent bg-accent text-white' : 'border-line-strong',
                  )}
                >
                  {item.checked && <Check className="size-3" />}
                </span>
              )}
              {item.prefix}
              <span className="flex-1">{item.label}</span>
            </div>
          ))}
          {footer}
        </div>
      )}
    </div>
  );
}
