import { z } from 'zod';
import type { AgentKind, TaskContext } from '../registry.ts';
import { PermanentTaskError } from '../registry.ts';
import { lineFindings, oversizedChange, untestedChange } from './code-rules.ts';
import { bySeverity, countBySeverity, type Finding } from './findings.ts';
import { SECURITY_AGENT_TYPE, SECURITY_TASK_TYPE } from './security-review.ts';
import { looksLikeDiff, parseUnifiedDiff } from './unified-diff.ts';
import { modelReview, registerModelReview } from './model-review.ts';
import type { Writer } from './writing.ts';

export const CODE_REVIEW_AGENT_TYPE = 'code_review';

const configuration = z.strictObject({
  max_changed_lines: z.number().int().min(10).max(100_000).default(400),
  max_files: z.number().int().min(1).max(10_000).default(25),
  /** Who gets the security findings; by default the first enabled security agent of the workspace. */
  security_agent_id: z.uuid().optional(),
});

const reviewInput = z.strictObject({
  diff: z
    .string()
    .min(1)
    .max(2_000_000)
    .refine(looksLikeDiff, 'must be a unified diff (git diff, diff -u or a pull request .diff)'),
  title: z.string().max(500).optional(),
  repository: z.string().max(300).optional(),
  pull_request: z.number().int().positive().optional(),
});

/**
 * Seed 001's code-review executor. Deterministic rules: committed secrets, dangerous calls, SQL built by
 * concatenation, disabled TLS checks, source changed without tests, oversized changes. Security findings go
 * to a security agent as a task of its own (direct assignment), once however often the review runs. With a
 * language model configured, the model's own review is added (`model_review`), marked as the model's.
 */
export function codeReviewKind(writer: Writer): AgentKind {
  registerModelReview(writer);
  return {
    type: CODE_REVIEW_AGENT_TYPE,
    role: 'executor',
    description:
      'Reviews a unified diff for secrets, dangerous calls, SQL injection, disabled TLS, missing tests and size; ' +
      "adds the language model's review when one is configured.",
    capabilities: ['review_code', 'detect_secrets', 'escalate_security'],
    taskTypes: { review_diff: reviewInput },
    configuration,
    defaults: { timeoutSeconds: 120, maxAttempts: 3 },
    async execute(context) {
      const input = reviewInput.parse(context.task.input);
      const config = configuration.parse(context.agent.configuration);
      const files = parseUnifiedDiff(input.diff);
      if (files.length === 0) throw new PermanentTaskError('The diff has no files in it.');
      const findings = [
        ...files.flatMap(lineFindings),
        untestedChange(files),
        oversizedChange(files, { maxChangedLines: config.max_changed_lines, maxFiles: config.max_files }),
      ]
        .filter((f): f is Finding => Boolean(f))
        .sort(bySeverity);
      const security = findings.filter((f) => f.category === 'security');
      const escalation = security.length > 0 ? await escalate(context, input, security, config) : null;
      const counts = countBySeverity(findings);
      const byModel = await modelReview(writer, context, { ...input, findings });
      return {
        output: {
          verdict:
            counts.critical + counts.high > 0
              ? 'request_changes'
              : findings.length > 0
                ? 'comment'
                : 'approve',
          summary: summarize(files.length, findings, escalation),
          files: files.map((f) => ({
            path: f.path,
            status: f.status,
            additions: f.additions,
            deletions: f.deletions,
          })),
          counts,
          findings,
          security_task_id: escalation?.taskId ?? null,
          security_agent_id: escalation?.agentId ?? null,
          model_review: byModel,
        },
      };
    },
  };
}

async function escalate(
  context: TaskContext,
  input: z.infer<typeof reviewInput>,
  findings: Finding[],
  config: z.infer<typeof configuration>,
) {
  return context.assignTask({
    key: 'security-review',
    agentId: config.security_agent_id,
    agentType: SECURITY_AGENT_TYPE,
    taskType: SECURITY_TASK_TYPE,
    priority: findings.some((f) => f.severity === 'critical') ? 10 : 8,
    description: `Security findings in ${input.title ?? input.repository ?? 'a code review'}`,
    input: {
      source_task_id: context.task.id,
      ...(input.title ? { title: input.title } : {}),
      ...(input.repository ? { repository: input.repository } : {}),
      ...(input.pull_request ? { pull_request: input.pull_request } : {}),
      findings,
    },
  });
}

function summarize(fileCount: number, findings: Finding[], escalation: { taskId: string } | null): string {
  if (findings.length === 0) return `No findings in ${fileCount} file(s).`;
  const counts = countBySeverity(findings);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const security = findings.filter((f) => f.category === 'security').length;
  const handoff =
    security === 0
      ? ''
      : escalation
        ? ` ${security} security finding(s) were handed to the security agent.`
        : ` ${security} security finding(s) need a security review, but this workspace has no security agent.`;
  return `${findings.length} finding(s) (${parts.join(', ')}) in ${fileCount} file(s).${handoff}`;
}
