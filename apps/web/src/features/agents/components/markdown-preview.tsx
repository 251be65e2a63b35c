import type { ReactNode } from 'react';

/**
 * The Markdown a blog draft is written in, shown as the blog would show it: headings, paragraphs, lists,
 * emphasis and links. Built as React elements, never as HTML, so a draft cannot inject markup. Headings start
 * at h4: the preview sits under the page's own h1–h3.
 */
export function MarkdownPreview({ text }: { text: string }) {
  return <div className="space-y-3 text-sm leading-relaxed text-ink">{blocks(text).map(renderBlock)}</div>;
}

type Block =
  { kind: 'heading'; level: number; text: string } | { kind: 'list' | 'paragraph'; lines: string[] };

function blocks(text: string): Block[] {
  return text
    .split(/\n{2,}/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .flatMap((chunk): Block[] => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(chunk);
      if (heading && !chunk.includes('\n'))
        return [{ kind: 'heading', level: heading[1]!.length, text: heading[2]! }];
      const lines = chunk.split('\n');
      if (lines.every((l) => /^[-*•]\s+/.test(l)))
        return [{ kind: 'list', lines: lines.map((l) => l.replace(/^[-*•]\s+/, '')) }];
      return [{ kind: 'paragraph', lines }];
    });
}

function renderBlock(block: Block, key: number): ReactNode {
  if (block.kind === 'heading') {
    const Tag = block.level === 1 ? 'h4' : block.level === 2 ? 'h5' : 'h6';
    const size = block.level === 1 ? 'text-xl font-semibold' : 'text-base font-semibold';
    return (
      <Tag key={key} className={size}>
        {inline(block.text)}
      </Tag>
    );
  }
  if (block.kind === 'list')
    return (
      <ul key={key} className="list-disc space-y-0.5 pl-5">
        {block.lines.map((line, i) => (
          <li key={i}>{inline(line)}</li>
        ))}
      </ul>
    );
  return (
    <p key={key} className="whitespace-pre-wrap">
      {inline(block.lines.join('\n'))}
    </p>
  );
}

const inlinePattern = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;

/** Bold, italics and http(s) links inside a line; everything else as plain text. */
function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    parts.push(text.slice(last, match.index));
    const [, bold, italic, label, href] = match;
    if (bold) parts.push(<strong key={match.index}>{bold}</strong>);
    else if (italic) parts.push(<em key={match.index}>{italic}</em>);
    else
      parts.push(
        <a
          key={match.index}
          href={href}
          rel="noopener noreferrer"
          target="_blank"
          className="text-accent-text underline"
        >
          {label}
        </a>,
      );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
