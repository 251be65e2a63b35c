import { cn } from '@/lib/cn.ts';

/** The Agency OS mark (same drawing as public/favicon.svg). */
export function BrandMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn('shrink-0', className)} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path d="M9 22 15.2 9h1.6L23 22h-3.1l-1.3-3h-5.2l-1.3 3zm5.4-5.6h3.2L16 12.5z" fill="#fff" />
    </svg>
  );
}
