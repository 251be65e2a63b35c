import { z } from 'zod';

/**
 * What the built-in agent kinds answer (`output_data`), as apps/server/src/modules/agents/kinds/*.ts write it.
 * Parsed, not cast: an output in another shape (an older task, a changed kind) falls back to its JSON instead of
 * breaking the page. Objects are not strict, so a field the server adds does not hide the rest.
 */
export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

export const findingSchema = z.object({
  rule: z.string(),
  category: z.enum(['security', 'quality']),
  severity: z.enum(severities),
  file: z.string().nullable(),
  line: z.number().nullable(),
  message: z.string(),
  evidence: z.string().nullable(),
  /** Security triage adds the step that fixes it. */
  remediation: z.string().nullable().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

const modelReviewSchema = z.object({
  status: z.enum(['written', 'offline', 'failed']),
  model: z.string().nullable(),
  text: z.string().nullable(),
  error: z.string().nullable(),
  diff_characters_sent: z.number(),
  diff_truncated: z.boolean(),
  lines_withheld: z.number(),
});
export type ModelReview = z.infer<typeof modelReviewSchema>;

export const codeReviewOutput = z.object({
  verdict: z.enum(['approve', 'comment', 'request_changes']),
  summary: z.string(),
  files: z.array(
    z.object({ path: z.string(), status: z.string(), additions: z.number(), deletions: z.number() }),
  ),
  findings: z.array(findingSchema),
  security_task_id: z.string().nullable(),
  /** Reviews made before the model joined have none. */
  model_review: modelReviewSchema.optional(),
});
export type CodeReviewOutput = z.infer<typeof codeReviewOutput>;

export const securityReviewOutput = z.object({
  risk: z.enum(severities),
  source_task_id: z.string().nullable(),
  actions: z.array(z.string()),
  findings: z.array(findingSchema),
  revision: z.number(),
  reviewer_notes: z.array(z.string()),
});
export type SecurityReviewOutput = z.infer<typeof securityReviewOutput>;

const standupItem = z.object({ ref: z.string(), name: z.string(), state: z.string() });
export type StandupItem = z.infer<typeof standupItem>;

const standupProject = z.object({
  id: z.string(),
  identifier: z.string(),
  name: z.string(),
  moved: z.array(standupItem.extend({ from: z.string().nullable(), by: z.array(z.string()) })),
  completed: z.array(standupItem.extend({ by: z.array(z.string()) })),
  blocked: z.array(standupItem.extend({ blocked_by: z.array(standupItem) })),
  stuck: z.array(standupItem.extend({ idle_days: z.number(), last_change_at: z.string() })),
  overdue: z.array(standupItem.extend({ target_date: z.string(), days_overdue: z.number() })),
});
export type StandupProject = z.infer<typeof standupProject>;

export const standupOutput = z.object({
  since: z.string(),
  until: z.string(),
  today: z.string(),
  time_zone: z.string(),
  stuck_days: z.number(),
  projects: z.array(standupProject),
  posts: z.array(z.object({ project_id: z.string(), text: z.string(), written_by: z.string() })),
  text: z.string(),
  written_by: z.string().nullable(),
  posted_at: z.string().nullable(),
});
export type StandupOutput = z.infer<typeof standupOutput>;

const riskFactor = z.object({ factor: z.string(), points: z.number(), detail: z.string() });
export type RiskFactor = z.infer<typeof riskFactor>;

const riskModel = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('logistic'),
    trained_on: z.number(),
    held_out: z.number(),
    accuracy: z.number(),
    baseline_accuracy: z.number(),
    brier_score: z.number(),
  }),
  z.object({ kind: z.literal('rules'), reason: z.string() }),
]);
export type RiskModel = z.infer<typeof riskModel>;

export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;

export const deploymentRiskOutput = z.object({
  deployment_id: z.string(),
  risk_score: z.number(),
  level: z.enum(riskLevels),
  confidence: z.number(),
  factors: z.array(riskFactor),
  top_factors: z.array(riskFactor),
  /** Scores made before the model joined have none: the rules scored them. */
  model: riskModel.optional(),
  explanation: z.string(),
  explained_by: z.string(),
});
export type DeploymentRiskOutput = z.infer<typeof deploymentRiskOutput>;

const reply = z.object({ status: z.string(), task_id: z.string().optional() }).nullable();

export const coordinatorOutput = z.object({
  deployment_id: z.string(),
  decision: z.enum(['go', 'no_go']),
  rule: z.enum(['unanimous', 'majority', 'veto']),
  votes: z.array(z.object({ voter: z.string(), approve: z.boolean().nullable(), reason: z.string() })),
  tally: z.object({ for: z.number(), against: z.number(), abstained: z.number() }),
  summary: z.string(),
  risk: reply,
  code_review: reply,
  decided_at: z.string(),
});
export type CoordinatorOutput = z.infer<typeof coordinatorOutput>;

export const channels = ['x', 'linkedin', 'instagram', 'blog', 'newsletter'] as const;
export type Channel = (typeof channels)[number];

export const contentDraftOutput = z.object({
  channel: z.enum(channels),
  title: z.string().nullable(),
  text: z.string(),
  characters: z.number(),
  max_characters: z.number(),
  revision: z.number(),
  feedback_addressed: z.array(z.string()),
  written_by: z.string(),
  /** Set once an approved draft is published. */
  applied: z.object({ published_at: z.string().optional() }).optional(),
});
export type ContentDraftOutput = z.infer<typeof contentDraftOutput>;
