import { useState, type FormEvent } from 'react';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button } from '@/components/ui/button.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDateTime, timeAgo } from '@/lib/format.ts';
import { useAddComment, useComments } from '../api/comments.ts';
import { SafeHtml, textToHtml } from './safe-html.tsx';

interface CommentsSectionProps {
  slug: string;
  projectId: string;
  itemId: string;
  canComment: boolean;
  nameOf: (id: string | null) => string;
}

export function CommentsSection({ slug, projectId, itemId, canComment, nameOf }: CommentsSectionProps) {
  const comments = useComments(slug, projectId, itemId);
  const add = useAddComment(slug, projectId, itemId);
  const [text, setText] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    add.mutate(textToHtml(text), { onSuccess: () => setText('') });
  };

  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="mb-2 text-[15px] font-semibold">
        Comments
      </h2>
      {comments.isError && <p className="text-danger">{comments.error.message}</p>}
      {comments.data?.length === 0 && <p className="mb-2 text-muted">No comments yet.</p>}
      {comments.data && comments.data.length > 0 && (
        <ol aria-label="Comments" className="mb-3 space-y-3">
          {comments.data.map((comment) => (
            <li key={comment.id} className="flex gap-2.5">
              <Avatar name={nameOf(comment.actor)} size="sm" />
              <div className="min-w-0 flex-1 rounded-md border border-line bg-surface px-3 py-2">
                <p className="text-xs text-muted">
                  <span className="font-medium text-ink">{nameOf(comment.actor)}</span> ·{' '}
                  <time dateTime={comment.created_at} title={formatDateTime(comment.created_at)}>
                    {timeAgo(comment.created_at)}
                  </time>
                </p>
                <SafeHtml html={comment.comment_html} className="mt-1" />
              </div>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form onSubmit={submit} aria-label="Add a comment">
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            }}
            aria-label="Comment"
            placeholder="Write a comment…"
            rows={3}
            className={cn(controlClasses, 'py-2')}
          />
          {add.isError && (
            <p role="alert" className="mt-1 text-[13px] text-danger">
              {add.error.message}
            </p>
          )}
          <div className="mt-2 flex justify-end">
            <Button size="sm" type="submit" variant="primary" pending={add.isPending} disabled={!text.trim()}>
              Comment
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
