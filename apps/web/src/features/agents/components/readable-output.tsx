import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Json } from './output-parts.tsx';

/** An output as people read it (`children`, from the output registry), with its raw JSON a click away. */
export function ReadableOutput({ output, children }: { output: unknown; children: ReactNode }) {
  return (
    <>
      {children}
      <details className="group border-t border-line">
        <summary className="flex cursor-pointer items-center gap-1 px-5 py-3 text-sm font-medium text-muted select-none hover:text-ink">
          <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
          Raw output
        </summary>
        <Json value={output} className="border-t border-line" />
      </details>
    </>
  );
}
