import { ShieldAlert } from 'lucide-react';
import { severities, type Finding } from '../api/output-types.ts';
import { OutputSection } from './output-parts.tsx';
import { severityLabel, SeverityBadge } from './status.tsx';

/** Findings grouped by severity, most severe first: where (file:line), which rule, what is wrong. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  return severities.map((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) return null;
    return (
      <OutputSection
        key={severity}
        title={
          <span className="flex items-center gap-2">
            <SeverityBadge severity={severity} />
            {group.length} {severityLabel(severity).toLowerCase()} finding{group.length === 1 ? '' : 's'}
          </span>
        }
      >
        <ul
          className="divide-y divide-line rounded-md border border-line"
          data-testid={`findings-${severity}`}
        >
          {group.map((finding, i) => (
            <FindingRow key={`${finding.rule}-${finding.file}-${finding.line}-${i}`} finding={finding} />
          ))}
        </ul>
      </OutputSection>
    );
  });
}

const where = (f: Finding) => (f.file ? `${f.file}${f.line === null ? '' : `:${f.line}`}` : 'The change');

function FindingRow({ finding }: { finding: Finding }) {
  return (
    <li className="space-y-1 px-3 py-2.5 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-mono text-[12px] text-ink">{where(finding)}</span>
        <code className="rounded bg-subtle px-1.5 py-0.5 font-mono text-[11px] text-muted">
          {finding.rule}
        </code>
        {finding.category === 'security' && (
          <span className="inline-flex items-center gap-1 text-xs text-danger">
            <ShieldAlert className="size-3.5" aria-hidden="true" />
            Security
          </span>
        )}
      </div>
      <p className="text-ink">{finding.message}</p>
      {finding.evidence && (
        <p className="truncate font-mono text-[12px] text-muted">
          <span className="sr-only">Evidence: </span>
          {finding.evidence}
        </p>
      )}
      {finding.remediation && (
        <p className="text-muted">
          <span className="font-medium text-ink">Fix: </span>
          {finding.remediation}
        </p>
      )}
    </li>
  );
}
