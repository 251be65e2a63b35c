import { z } from 'zod';
import { auditOut, auditTimes, requiredText, text } from './dto-common.ts';
import type { LinkRow } from './links.repository.ts';

const writable = {
  title: text().nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
};

export const createLinkBody = z.object({ url: requiredText(2048), ...writable });
export const updateLinkBody = z.object({ url: requiredText(2048).optional(), ...writable });

export const linkOut = z.object({
  ...auditOut,
  title: z.string().nullable(),
  url: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  project: z.uuid(),
  workspace: z.uuid(),
  issue: z.uuid(),
});

export function toLinkOut(l: LinkRow, timeZone: string) {
  return {
    id: l.id,
    ...auditTimes(l, timeZone),
    title: l.title,
    url: l.url,
    metadata: l.metadata,
    created_by: l.createdBy,
    updated_by: l.updatedBy,
    project: l.projectId,
    workspace: l.workspaceId,
    issue: l.workItemId,
  };
}
