import { z } from 'zod';
import type { ActivityRow } from './activity.repository.ts';

export const activityOut = z.object({
  id: z.uuid(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), on_behalf_of: z.string().nullable() }),
  action: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.date(),
});

export const toActivityOut = (a: ActivityRow) => ({
  id: a.id,
  actor: { type: a.actorType, id: a.actorId, on_behalf_of: a.onBehalfOf },
  action: a.action,
  object_type: a.objectType,
  object_id: a.objectId,
  before: a.before ?? null,
  after: a.after ?? null,
  created_at: a.createdAt,
});
