import DOMPurify from 'dompurify';
import { useMemo } from 'react';
import { cn } from '@/lib/cn.ts';

/**
 * Rich text from the server, sanitized once more here: the server cleans what it stores, and the browser
 * does not trust that alone. No inline styles survive (the CSP forbids them anyway); links open safely.
 */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_ATTR: ['style'],
    FORBID_TAGS: ['style', 'form', 'input', 'button'],
  });
}

export const proseClasses =
  'max-w-none break-words text-ink [&_a]:text-accent-text [&_a]:underline [&_code]:rounded [&_code]:bg-subtle [&_code]:px-1 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1 [&_ul]:list-disc';

export function SafeHtml({ html, className }: { html: string; className?: string }) {
  const clean = useMemo(() => sanitize(html), [html]);
  return <div className={cn(proseClasses, className)} dangerouslySetInnerHTML={{ __html: clean }} />;
}

/** Plain text typed in a box, as the HTML paragraphs the API stores. */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
