import { Badge } from '@/components/ui/badge.tsx';
import type { CodeReviewOutput, ModelReview } from '../api/output-types.ts';
import { FindingsList } from './output-findings.tsx';
import { OutputSection, TaskLink, WrittenText } from './output-parts.tsx';

const verdicts = {
  approve: { label: 'Approve', tone: 'success' },
  comment: { label: 'Comment', tone: 'warning' },
  request_changes: { label: 'Request changes', tone: 'danger' },
} as const;

/**
 * A code review: the verdict, the rules' findings by severity, the model's review, the security hand-off (the
 * summary says when no security agent could take it).
 */
export function CodeReviewView({ output, slug }: { output: CodeReviewOutput; slug: string }) {
  const verdict = verdicts[output.verdict];
  return (
    <div className="divide-y divide-line">
      <div className="space-y-2 px-5 py-4">
        <p className="flex items-center gap-2 text-sm">
          <span className="text-muted">Verdict:</span>
          <Badge tone={verdict.tone}>{verdict.label}</Badge>
        </p>
        <p className="text-sm text-ink">{output.summary}</p>
        {output.security_task_id && (
          <p className="text-sm">
            <TaskLink slug={slug} taskId={output.security_task_id}>
              Open the security review
            </TaskLink>
          </p>
        )}
      </div>
      {output.findings.length === 0 ? (
        <p className="px-5 py-4 text-sm text-muted">
          The rules found nothing to flag in {output.files.length} file(s).
        </p>
      ) : (
        <FindingsList findings={output.findings} />
      )}
      <OutputSection title="Model review">
        <ModelReviewText review={output.model_review} />
      </OutputSection>
      <ChangedFiles files={output.files} />
    </div>
  );
}

function ModelReviewText({ review }: { review: ModelReview | undefined }) {
  if (!review) return <p className="text-sm text-muted">No model review was made for this task.</p>;
  if (review.status === 'failed')
    return <p className="text-sm text-danger">The model could not review the change: {review.error}</p>;
  if (review.status === 'offline')
    return <p className="text-sm text-muted">{review.text ?? 'No model review was made.'}</p>;
  const notes = [
    review.diff_truncated && 'the model saw only the first part of the diff',
    review.lines_withheld > 0 && `${review.lines_withheld} line(s) holding credentials were withheld from it`,
  ].filter(Boolean);
  return (
    <div className="space-y-1">
      <WrittenText text={review.text ?? ''} by={review.model} />
      {notes.length > 0 && <p className="text-xs text-muted">Note: {notes.join('; ')}.</p>}
    </div>
  );
}

function ChangedFiles({ files }: { files: CodeReviewOutput['files'] }) {
  return (
    <OutputSection title={`Files changed (${files.length})`}>
      <ul className="space-y-1 text-sm">
        {files.map((file) => (
          <li key={file.path} className="flex flex-wrap items-center gap-x-3">
            <span className="font-mono text-[12px] text-ink">{file.path}</span>
            <span className="text-xs text-muted">{file.status}</span>
            <span className="text-xs text-success">
              +{file.additions}
              <span className="sr-only"> added</span>
            </span>
            <span className="text-xs text-danger">
              −{file.deletions}
              <span className="sr-only"> deleted</span>
            </span>
          </li>
        ))}
      </ul>
    </OutputSection>
  );
}
