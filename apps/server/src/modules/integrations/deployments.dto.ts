import { z } from 'zod';
import { pageQuery } from '../../platform/http/pagination.ts';
import type { DeploymentRow } from './deployments.repository.ts';
import { deploymentStates, type DeploymentState } from './deployments.schema.ts';

/** Request and response shapes of the deployment routes and events (snake_case on the wire). */
const slug = z.string().min(2).max(48);
const label = z.string().trim().min(1).max(255);
const count = z.number().int().min(0).max(10_000_000);
const instant = z.iso.datetime({ offset: true });
/** production, preview, development, staging…: a name, not free text, so it can be a filter. */
const environment = z
  .string()
  .max(50)
  .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_", starting with a letter');

export const slugParams = z.strictObject({ slug });
export const deploymentParams = z.strictObject({ slug, deployment_id: z.uuid() });

/** A comma-separated list of states. */
const stateList = z
  .string()
  .max(100)
  .refine(
    (v) => v.split(',').every((s) => (deploymentStates as readonly string[]).includes(s)),
    `use states among ${deploymentStates.join(', ')}, separated by commas`,
  )
  .transform((v) => v.split(',') as DeploymentState[]);

export const deploymentListQuery = z.strictObject({
  ...pageQuery,
  environment: environment.optional(),
  state: stateList.optional(),
});

export const recordDeploymentBody = z.strictObject({
  provider: z
    .string()
    .max(50)
    .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"'),
  external_id: label,
  project_name: label,
  state: z.enum(deploymentStates),
  environment,
  url: z.url().max(2000).optional(),
  commit_sha: z.string().trim().min(1).max(100).optional(),
  branch: label.optional(),
  author: label.optional(),
  files_changed: count.optional(),
  additions: count.optional(),
  deletions: count.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** When it started (for history recorded after the fact); now when absent. */
  created_at: instant.optional(),
  /** When it finished, for a ready, error or canceled state; now when absent. */
  finished_at: instant.optional(),
});
export type RecordDeploymentBody = z.infer<typeof recordDeploymentBody>;

export const updateDeploymentBody = z
  .strictObject({
    state: z.enum(deploymentStates).optional(),
    url: z.url().max(2000).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    finished_at: instant.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');

export const deploymentOut = z.object({
  id: z.uuid(),
  workspace_id: z.uuid(),
  provider: z.string(),
  external_id: z.string(),
  project_name: z.string(),
  url: z.string().nullable(),
  state: z.enum(deploymentStates),
  environment: z.string(),
  commit_sha: z.string().nullable(),
  branch: z.string().nullable(),
  author: z.string().nullable(),
  creator_id: z.uuid().nullable(),
  files_changed: z.number().int().nullable(),
  additions: z.number().int().nullable(),
  deletions: z.number().int().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
  ready_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type DeploymentOut = z.infer<typeof deploymentOut>;

/** The public shape of a deployment: REST responses and the `deployments` channel's events alike. */
export function toDeploymentOut(row: DeploymentRow): DeploymentOut {
  return {
    id: row.id,
    workspace_id: row.workspaceId,
    provider: row.provider,
    external_id: row.externalId,
    project_name: row.projectName,
    url: row.url,
    state: row.state,
    environment: row.environment,
    commit_sha: row.commitSha,
    branch: row.branch,
    author: row.author,
    creator_id: row.creatorId,
    files_changed: row.filesChanged,
    additions: row.additions,
    deletions: row.deletions,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    ready_at: row.readyAt?.toISOString() ?? null,
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}
