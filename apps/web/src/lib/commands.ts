import type { LucideIcon } from 'lucide-react';
import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Commands that screens offer while they are shown ("Create work item" on a project), for the command palette,
 * the keyboard-shortcut handler and the `?` help. A screen registers them with `useCommands`; they leave with it.
 */
export interface AppCommand {
  id: string;
  label: string;
  group: string;
  /** Keys as typed, space between the steps of a sequence: `c`, `/`, `g p`, `?`. */
  keys?: string;
  keywords?: string;
  icon?: LucideIcon;
  /** Shown in the palette (default true); false for shortcuts that only make sense on the keyboard. */
  inPalette?: boolean;
  run: () => void;
}

const registry = new Map<string, AppCommand>();
const listeners = new Set<() => void>();
let snapshot: AppCommand[] = [];

function publish() {
  snapshot = [...registry.values()];
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Registers commands while the calling component is mounted; `run` always calls the latest closure. */
export function useCommands(commands: AppCommand[]): void {
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  const signature = commands.map((c) => `${c.id}|${c.label}|${c.keys ?? ''}`).join('\n');
  useEffect(() => {
    const ids = latest.current.map((c) => c.id);
    for (const command of latest.current) {
      registry.set(command.id, {
        ...command,
        run: () => latest.current.find((c) => c.id === command.id)?.run(),
      });
    }
    publish();
    return () => {
      ids.forEach((id) => registry.delete(id));
      publish();
    };
  }, [signature]);
}

export function useRegisteredCommands(): AppCommand[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** True while the person is typing somewhere, where letters are text and not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
