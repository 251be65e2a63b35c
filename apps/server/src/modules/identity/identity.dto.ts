import { z } from 'zod';
import { workspaceRoles } from './identity.schema.ts';
import type { ApiTokenRow } from './api-tokens.repository.ts';
import type { InvitationRow, MemberWithUser, WorkspaceRow } from './workspaces.repository.ts';

/** Request and response shapes of the identity routes (snake_case on the wire, like Plane's API). */
export const slugSchema = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'use lower-case letters, digits and inner hyphens');
export const roleSchema = z.enum(workspaceRoles);
const timezoneSchema = z
  .string()
  .max(64)
  .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'unknown time zone');
export const nameSchema = z.string().trim().min(1).max(255);

export const slugParams = z.strictObject({ slug: slugSchema });
export const createWorkspaceBody = z.strictObject({
  slug: slugSchema,
  name: nameSchema,
  timezone: timezoneSchema.optional(),
});
export const updateWorkspaceBody = z
  .strictObject({ name: nameSchema.optional(), timezone: timezoneSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');
export const memberParams = z.strictObject({ slug: slugSchema, user_id: z.uuid() });
export const changeRoleBody = z.strictObject({ role: roleSchema });
export const inviteBody = z.strictObject({ email: z.email().max(254), role: roleSchema });
export const invitationParams = z.strictObject({ slug: slugSchema, invitation_id: z.uuid() });
export const invitationTokenParams = z.strictObject({ token: z.string().min(10).max(100) });
export const acceptInvitationBody = z.strictObject({ token: z.string().min(10).max(100) });
export const createApiTokenBody = z.strictObject({
  label: nameSchema,
  workspace: slugSchema.optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
});
export const apiTokenParams = z.strictObject({ token_id: z.uuid() });
export const updateMeBody = z
  .strictObject({ name: nameSchema.optional(), timezone: timezoneSchema.optional() })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');
export const activityQuery = z.strictObject({
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});

export const workspaceOut = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  role: roleSchema.optional(),
  created_at: z.date(),
  updated_at: z.date(),
});
export const memberOut = z.object({
  user_id: z.uuid(),
  name: z.string(),
  email: z.string(),
  avatar_url: z.string().nullable(),
  role: roleSchema,
  joined_at: z.date(),
});
export const invitationOut = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  expires_at: z.date(),
  created_at: z.date(),
});
export const apiTokenOut = z.object({
  id: z.uuid(),
  label: z.string(),
  token_hint: z.string(),
  workspace_id: z.uuid().nullable(),
  expires_at: z.date().nullable(),
  last_used_at: z.date().nullable(),
  created_at: z.date(),
});
export const userOut = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  timezone: z.string(),
  avatar_url: z.string().nullable(),
});

export const toWorkspaceOut = (w: WorkspaceRow & { role?: z.infer<typeof roleSchema> }) => ({
  id: w.id,
  slug: w.slug,
  name: w.name,
  timezone: w.timezone,
  ...(w.role ? { role: w.role } : {}),
  created_at: w.createdAt,
  updated_at: w.updatedAt,
});
export const toMemberOut = (m: MemberWithUser) => ({
  user_id: m.userId,
  name: m.name,
  email: m.email,
  avatar_url: m.image,
  role: m.role,
  joined_at: m.joinedAt,
});
export const toInvitationOut = (i: InvitationRow) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expires_at: i.expiresAt,
  created_at: i.createdAt,
});
export const toApiTokenOut = (t: ApiTokenRow) => ({
  id: t.id,
  label: t.label,
  token_hint: t.tokenHint,
  workspace_id: t.workspaceId,
  expires_at: t.expiresAt,
  last_used_at: t.lastUsedAt,
  created_at: t.createdAt,
});
