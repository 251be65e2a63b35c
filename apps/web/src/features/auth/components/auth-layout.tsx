import type { ReactNode } from 'react';
import { BrandMark } from '@/components/ui/brand-mark.tsx';

/** The frame of the signed-out screens: brand, a title, one card. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-[400px]">
        <div className="mb-8 flex flex-col items-center text-center">
          <BrandMark className="size-10" />
          <h1 className="mt-5 text-2xl font-semibold tracking-tight">{title}</h1>
          {subtitle && <p className="mt-2 text-muted">{subtitle}</p>}
        </div>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-7">{children}</div>
        {footer && <div className="mt-6 text-center text-muted">{footer}</div>}
      </div>
    </main>
  );
}
