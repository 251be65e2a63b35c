import { cn } from '@/lib/cn.ts';
import { formatDateTime } from '@/lib/format.ts';
import type { Channel, ContentDraftOutput } from '../api/output-types.ts';
import { MarkdownPreview } from './markdown-preview.tsx';
import { OutputSection, QuotedNotes, writerName } from './output-parts.tsx';

const channelNames: Record<Channel, string> = {
  x: 'X',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  blog: 'Blog',
  newsletter: 'Newsletter',
};

/** A drafted post: as its channel would show it, its length against the channel's limit, and its history. */
export function ContentDraftView({ output }: { output: ContentDraftOutput }) {
  const channel = channelNames[output.channel];
  return (
    <div className="divide-y divide-line">
      <div className="space-y-2 px-5 py-4 text-sm">
        <p className="text-ink">
          {channel}{' '}
          {output.channel === 'blog' ? 'article' : output.channel === 'newsletter' ? 'issue' : 'post'}
          {output.title && <>: {output.title}</>}
          <span className="text-muted">
            {' '}
            · draft {output.revision + 1}, written by {writerName(output.written_by)}
          </span>
        </p>
        <Length characters={output.characters} max={output.max_characters} />
        {output.applied?.published_at && (
          <p className="font-medium text-success">Published {formatDateTime(output.applied.published_at)}</p>
        )}
      </div>
      <OutputSection title={`Draft as ${channel} shows it`}>
        <div className="max-w-2xl rounded-lg border border-line bg-canvas p-4" data-testid="content-preview">
          <ChannelPreview output={output} />
        </div>
      </OutputSection>
      <QuotedNotes title="Reviewer notes this draft answers" notes={output.feedback_addressed} />
    </div>
  );
}

function Length({ characters, max }: { characters: number; max: number }) {
  const over = characters > max;
  return (
    <div className="max-w-sm space-y-1">
      <p className={cn('tabular-nums', over ? 'font-medium text-danger' : 'text-muted')}>
        {characters.toLocaleString('en')} of {max.toLocaleString('en')} characters
        {over && ' — too long for the channel'}
      </p>
      <div
        role="meter"
        aria-label="Length against the channel's limit"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(characters, max)}
        aria-valuetext={`${characters} of ${max} characters`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-subtle"
      >
        <div
          className={cn('h-full rounded-full', over ? 'bg-danger' : 'bg-accent')}
          style={{ width: `${Math.min(100, (characters / max) * 100)}%` }}
        />
      </div>
    </div>
  );
}

function ChannelPreview({ output }: { output: ContentDraftOutput }) {
  if (output.channel === 'blog') return <MarkdownPreview text={output.text} />;
  if (output.channel === 'newsletter') {
    const [first = '', ...rest] = output.text.split('\n');
    const subject = /^Subject:\s*(.*)$/.exec(first);
    return (
      <div className="space-y-3 text-sm">
        {subject && (
          <p className="border-b border-line pb-2">
            <span className="text-muted">Subject: </span>
            <span className="font-semibold text-ink">{subject[1]}</span>
          </p>
        )}
        <p className="leading-relaxed whitespace-pre-wrap text-ink">
          {(subject ? rest.join('\n') : output.text).trim()}
        </p>
      </div>
    );
  }
  return (
    <p className="text-[15px] leading-relaxed whitespace-pre-wrap text-ink">{highlightTags(output.text)}</p>
  );
}

/** Hashtags and links stand out, as social networks show them. */
function highlightTags(text: string) {
  return text.split(/((?:^|\s)#[\p{L}\p{N}_]+|https?:\/\/\S+)/u).map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="text-accent-text">
        {part}
      </span>
    ) : (
      part
    ),
  );
}
