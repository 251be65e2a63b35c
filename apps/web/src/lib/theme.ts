import { useSyncExternalStore } from 'react';

/** Light, dark or the system's choice; stored per browser. public/theme-init.js applies it before paint. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const storageKey = 'agency-os.theme';
const media = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function read(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem(storageKey);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && media().matches);
  document.documentElement.classList.toggle('dark', dark);
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, choice);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
  apply(choice);
  listeners.forEach((l) => l());
}

/** Flips between light and dark from whatever is showing now. */
export function toggleTheme(): void {
  setTheme(document.documentElement.classList.contains('dark') ? 'light' : 'dark');
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onSystemChange = () => {
    if (read() === 'system') apply('system');
    listener();
  };
  media().addEventListener('change', onSystemChange);
  return () => {
    listeners.delete(listener);
    media().removeEventListener('change', onSystemChange);
  };
}

export function useTheme(): ThemeChoice {
  return useSyncExternalStore(subscribe, read, () => 'system');
}
