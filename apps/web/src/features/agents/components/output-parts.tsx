import { ArrowUpRight } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn.ts';

/** An output as its JSON, for kinds this page has no reading of, and under "Raw output" for the rest. */
export function Json({ value, className }: { value: unknown; className?: string }) {
  return (
    <pre
      tabIndex={0}
      aria-label="JSON"
      className={cn(
        'max-h-96 overflow-auto px-5 py-4 font-mono text-[12px] leading-relaxed whitespace-pre-wrap text-ink',
        className,
      )}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** A titled part of an output, labelled by its heading (h3 under the card's h2). */
export function OutputSection({
  title,
  children,
  className,
}: {
  title: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn('px-5 py-4', className)}>
      <h3 id={id} className="mb-2 text-sm font-semibold text-ink">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Label → value pairs in a row, e.g. the model's figures. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-muted">{label}</dt>
          <dd className="font-medium text-ink">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A link to another agent task of the workspace (a hand-off, a vote). */
export function TaskLink({ slug, taskId, children }: { slug: string; taskId: string; children: ReactNode }) {
  return (
    <Link
      to={`/${slug}/agents/tasks/${taskId}`}
      className="inline-flex items-center gap-1 font-medium text-accent-text hover:underline"
    >
      {children}
      <ArrowUpRight className="size-3.5" aria-hidden="true" />
    </Link>
  );
}

/** Text a language model (or its offline template) wrote, line breaks kept. */
export function WrittenText({ text, by }: { text: string; by?: string | null }) {
  return (
    <div>
      <p className="text-sm leading-relaxed whitespace-pre-wrap text-ink">{text}</p>
      {by && <p className="mt-1 text-xs text-muted">Written by {writerName(by)}</p>}
    </div>
  );
}

/** `offline:template` → "the offline template"; `anthropic:claude-…` stays as it is. */
export const writerName = (by: string) => (by.startsWith('offline:') ? 'the offline template' : by);

export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Reviewers' reasons, quoted, as a redraft took them in. */
export function QuotedNotes({ title, notes }: { title: string; notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <OutputSection title={title}>
      <ul className="list-disc space-y-1 pl-5 text-sm text-muted">
        {notes.map((note) => (
          <li key={note}>“{note}”</li>
        ))}
      </ul>
    </OutputSection>
  );
}
