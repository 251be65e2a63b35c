import { z } from 'zod';
import { planeDateTime } from './plane/datetime.ts';
import type { ItemTotal, WorklogRow } from './worklogs.repository.ts';

const minutes = z.number().int().max(2147483647);

export const createWorklogBody = z.object({ duration: minutes, description: z.string() });
export const updateWorklogBody = z.object({
  duration: minutes.optional(),
  description: z.string().optional(),
});
export const totalWorklogsQuery = z.object({
  cycle_id: z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.uuid().optional()),
});

/** Plane's commercial worklog object (IssueWorkLogAPISerializer). */
export const worklogOut = z.object({
  id: z.uuid(),
  created_at: z.string(),
  updated_at: z.string(),
  description: z.string(),
  duration: z.number().int(),
  created_by: z.uuid().nullable(),
  updated_by: z.uuid().nullable(),
  project_id: z.uuid(),
  workspace_id: z.uuid(),
  logged_by: z.uuid(),
});

export function toWorklogOut(w: WorklogRow, timeZone: string) {
  return {
    id: w.id,
    created_at: planeDateTime(w.createdAt, timeZone),
    updated_at: planeDateTime(w.updatedAt, timeZone),
    description: w.description,
    duration: w.duration,
    created_by: w.createdBy,
    updated_by: w.updatedBy,
    project_id: w.projectId,
    workspace_id: w.workspaceId,
    logged_by: w.loggedBy,
  };
}

export const itemTotalOut = z.object({ issue_id: z.uuid(), duration: z.number().int() });
export const toItemTotalOut = (t: ItemTotal) => ({ issue_id: t.workItemId, duration: t.duration });
