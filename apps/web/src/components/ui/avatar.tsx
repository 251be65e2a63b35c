import { cn } from '@/lib/cn.ts';
import { initials } from '@/lib/format.ts';

const palette = [
  'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200',
  'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
  'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200',
];

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

/** Initials on a colour picked from the name, so the same person always looks the same. */
export function Avatar({
  name,
  size = 'md',
  square,
}: {
  name: string;
  size?: 'sm' | 'md';
  square?: boolean;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex shrink-0 items-center justify-center font-semibold',
        square ? 'rounded-md' : 'rounded-full',
        size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs',
        palette[hash(name) % palette.length],
      )}
    >
      {initials(name)}
    </span>
  );
}
