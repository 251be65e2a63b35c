import { z } from 'zod';
import type { DeployHookRow } from './deploy-hooks.repository.ts';

/** Request and response shapes of the deploy hook routes. The URL goes in once and never comes out. */
const slug = z.string().min(2).max(48);
const label = z.string().trim().min(1).max(255);

export const deployHookParams = z.strictObject({ slug, hook_id: z.uuid() });

export const createDeployHookBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** What its deployments are recorded as: `vercel`, `netlify`… */
  provider: z
    .string()
    .max(50)
    .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"'),
  project_name: label,
  url: z.url({ protocol: /^https?$/, error: 'use an http(s) URL' }).max(2000),
});

export const deployHookOut = z.object({
  id: z.uuid(),
  name: z.string(),
  provider: z.string(),
  project_name: z.string(),
  /** The scheme and host the hook calls; the rest of the URL is the secret. */
  url_host: z.string(),
  created_by: z.uuid().nullable(),
  created_at: z.string(),
});

export function toDeployHookOut(row: DeployHookRow): z.infer<typeof deployHookOut> {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    project_name: row.projectName,
    url_host: row.urlHost,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
  };
}
