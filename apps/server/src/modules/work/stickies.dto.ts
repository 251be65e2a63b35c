import { z } from 'zod';
import { auditOut, auditTimes, queryText, text } from './dto-common.ts';
import type { StickyRow } from './stickies.repository.ts';

const json = z.record(z.string(), z.unknown());

export const stickyBody = z.object({
  name: text().nullable().optional(),
  description: json.optional(),
  description_html: z.string().optional(),
  description_binary: z.base64().nullable().optional(),
  logo_props: json.optional(),
  color: text().nullable().optional(),
  background_color: text().nullable().optional(),
  sort_order: z.number().optional(),
});

export const stickyListQuery = z.object({ cursor: queryText, per_page: queryText, query: queryText });

export const stickyOut = z.object({
  ...auditOut,
  name: z.string().nullable(),
  description: json,
  description_html: z.string(),
  description_stripped: z.string().nullable(),
  description_binary: z.string().nullable(),
  logo_props: json,
  color: z.string().nullable(),
  background_color: z.string().nullable(),
  sort_order: z.number(),
  workspace: z.uuid(),
  owner: z.uuid(),
});

export function toStickyOut(s: StickyRow, timeZone: string) {
  return {
    id: s.id,
    ...auditTimes(s, timeZone),
    name: s.name,
    description: s.description as Record<string, unknown>,
    description_html: s.descriptionHtml,
    description_stripped: s.descriptionStripped,
    description_binary: s.descriptionBinary,
    logo_props: s.logoProps as Record<string, unknown>,
    color: s.color,
    background_color: s.backgroundColor,
    sort_order: s.sortOrder,
    created_by: s.createdBy,
    updated_by: s.updatedBy,
    workspace: s.workspaceId,
    owner: s.ownerId,
  };
}
