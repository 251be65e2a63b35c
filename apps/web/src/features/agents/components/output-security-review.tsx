import type { SecurityReviewOutput } from '../api/output-types.ts';
import { FindingsList } from './output-findings.tsx';
import { OutputSection, QuotedNotes, TaskLink } from './output-parts.tsx';
import { SeverityBadge } from './status.tsx';

/** A security triage: the overall risk, what to do first, each finding with its fix. */
export function SecurityReviewView({ output, slug }: { output: SecurityReviewOutput; slug: string }) {
  return (
    <div className="divide-y divide-line">
      <div className="space-y-2 px-5 py-4 text-sm">
        <p className="flex items-center gap-2">
          <span className="text-muted">Overall risk:</span>
          <SeverityBadge severity={output.risk} />
          {output.revision > 0 && <span className="text-muted">draft {output.revision + 1}</span>}
        </p>
        {output.source_task_id && (
          <TaskLink slug={slug} taskId={output.source_task_id}>
            Open the code review it came from
          </TaskLink>
        )}
      </div>
      <OutputSection title="What to do">
        <ol className="list-decimal space-y-1 pl-5 text-sm text-ink">
          {output.actions.map((action) => (
            <li key={action}>{action}</li>
          ))}
        </ol>
      </OutputSection>
      <QuotedNotes title="Reviewer notes taken into account" notes={output.reviewer_notes} />
      <FindingsList findings={output.findings} />
    </div>
  );
}
