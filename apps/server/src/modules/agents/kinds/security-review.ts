import { z } from 'zod';
import type { AgentKind } from '../registry.ts';
import { bySeverity, findingSchema, severities, type Finding } from './findings.ts';

export const SECURITY_AGENT_TYPE = 'security';
export const SECURITY_TASK_TYPE = 'security_review';

const reviewInput = z.strictObject({
  findings: z.array(findingSchema).min(1).max(1000),
  source_task_id: z.uuid().optional(),
  title: z.string().max(500).optional(),
  repository: z.string().max(300).optional(),
  pull_request: z.number().int().positive().optional(),
});

/** What to do about each kind of finding, most urgent step first. */
const remediation: Record<string, string> = {
  private_key: 'Revoke the key pair and issue a new one; purge the file from the git history.',
  aws_access_key_id: 'Deactivate the AWS access key in IAM now, then review CloudTrail for its use.',
  aws_secret_access_key: 'Deactivate the AWS access key in IAM now, then review CloudTrail for its use.',
  github_token: 'Revoke the token in GitHub settings and check the audit log for its use.',
  slack_token: 'Revoke the Slack token and reinstall the app with a new one.',
  slack_webhook: 'Delete the webhook in Slack and create a new one kept in the secret store.',
  stripe_live_key: 'Roll the Stripe key in the dashboard and check for unexpected charges or refunds.',
  google_api_key: 'Delete or restrict the Google API key and create a new restricted one.',
  json_web_token: 'Treat the token as leaked: revoke the session or rotate the signing key.',
  hardcoded_credential: 'Rotate the credential and read it from the environment or the secret store.',
  high_entropy_string:
    'Confirm whether the string is a secret; if it is, rotate it and move it out of the code.',
  eval: 'Replace eval() with JSON.parse or an explicit lookup.',
  function_constructor: 'Replace new Function() with ordinary code.',
  shell_injection: 'Call execFile/spawn with an argument array; never build a shell string from input.',
  shell_option: 'Drop shell: true and pass the arguments as an array.',
  sql_concatenation: 'Use bound parameters or the query builder for every value in the query.',
  tls_verification_disabled:
    'Turn certificate verification back on; trust the internal CA explicitly instead.',
  tls_relaxed: 'Turn strict TLS back on; trust the internal CA explicitly instead.',
};

/**
 * Triage of security findings handed over by another agent: a remediation per finding and the overall risk.
 * A person signs it off; a rejection's reason comes back here and the triage is redrafted with it.
 */
export const securityReviewKind: AgentKind = {
  type: SECURITY_AGENT_TYPE,
  role: 'executor',
  description: 'Triages security findings into remediation steps; a person signs the triage off.',
  capabilities: ['triage_security_findings'],
  taskTypes: { [SECURITY_TASK_TYPE]: reviewInput },
  configuration: z.strictObject({}),
  defaults: { requiresApproval: true, timeoutSeconds: 60 },
  redrafts: true,
  async execute(context) {
    const input = reviewInput.parse(context.task.input);
    const findings = [...input.findings].sort(bySeverity) as Finding[];
    const risk = severities.find((s) => findings.some((f) => f.severity === s)) ?? 'info';
    const reviewerNotes = context.task.reviews
      .filter((r) => r.decision === 'rejected' && r.reason)
      .map((r) => r.reason!);
    return {
      needsApproval: true,
      output: {
        risk,
        source_task_id: input.source_task_id ?? null,
        actions: [
          ...new Set(
            findings.map((f) => remediation[f.rule] ?? `Review ${f.rule} at ${f.file ?? 'the change'}.`),
          ),
        ],
        findings: findings.map((f) => ({ ...f, remediation: remediation[f.rule] ?? null })),
        revision: context.task.revision,
        reviewer_notes: reviewerNotes,
      },
    };
  },
};
