import { z } from 'zod';
import { displayName, type Person } from './directory.ts';
import { planeDateTime } from './plane/datetime.ts';

/** Request-field builders that fail the way DRF's serializer fields do (see plane/validation.ts). */
export const text = (max = 255) => z.string().trim().max(max);
export const requiredText = (max = 255) => text(max).min(1);
export const uuidRef = z.uuid();
export const dateField = z.iso.date();
const dateTimeText = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** ISO-8601 datetime; a bare date also counts, as in Python 3.11. */
export const dateTimeField = z
  .string()
  .regex(
    dateTimeText,
    'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  )
  .refine((v) => !Number.isNaN(Date.parse(v.replace(' ', 'T'))), 'Datetime has wrong format.');
export const externalFields = {
  external_source: text().nullable().optional(),
  external_id: text().nullable().optional(),
};

/** Query parameters arrive as strings; a repeated one counts by its last value, as Django reads it. */
export const queryText = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.string().optional());
export const listQuery = z.object({
  cursor: queryText,
  per_page: queryText,
  fields: queryText,
  expand: queryText,
  order_by: queryText,
});
export const detailQuery = z.object({ fields: queryText, expand: queryText });

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
/** Path segments as Django's `<uuid:...>` converter matches them: anything else is an unknown URL. */
export const uuidParam = (name: string) => `:${name}${UUID}`;
export const workspacePath = '/workspaces/:slug';
export const projectPath = `${workspacePath}/projects/${uuidParam('project_id')}`;
export const workspaceParams = z.object({ slug: z.string() });
export const projectParams = workspaceParams.extend({ project_id: z.uuid() });

export const auditOut = {
  id: z.uuid(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
  created_by: z.uuid().nullable(),
  updated_by: z.uuid().nullable(),
};

/** Plane's audit datetimes of a row, in the reader's time zone. */
export function auditTimes(
  row: { createdAt: string; updatedAt: string; deletedAt: string | null },
  timeZone: string,
) {
  return {
    created_at: planeDateTime(row.createdAt, timeZone),
    updated_at: planeDateTime(row.updatedAt, timeZone),
    deleted_at: planeDateTime(row.deletedAt, timeZone),
  };
}

/** Work items to add to a cycle or module. */
export const itemLinksBody = z.object({ issues: z.array(uuidRef) });

/** A work item's place in a cycle or module, as Plane shows it; the caller adds the container's id. */
export const itemLinkOut = {
  ...auditOut,
  sub_issues_count: z.number().int(),
  project: z.uuid(),
  workspace: z.uuid(),
  issue: z.uuid(),
};

export function toItemLinkOut(l: ItemLink, timeZone: string) {
  return {
    id: l.id,
    sub_issues_count: l.subIssuesCount,
    ...auditTimes(l, timeZone),
    created_by: l.createdBy,
    updated_by: l.updatedBy,
    project: l.projectId,
    workspace: l.workspaceId,
    issue: l.workItemId,
  };
}

interface ItemLink {
  id: string;
  subIssuesCount: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  createdBy: string | null;
  updatedBy: string | null;
  projectId: string;
  workspaceId: string;
  workItemId: string;
}

export const userLiteOut = z.object({
  id: z.uuid(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  avatar: z.string(),
  avatar_url: z.string().nullable(),
  display_name: z.string(),
});
export type UserLite = z.infer<typeof userLiteOut>;

export function toUserLite(person: Person): UserLite {
  const [first = '', ...rest] = person.name.trim().split(/\s+/);
  return {
    id: person.id,
    first_name: first,
    last_name: rest.join(' '),
    email: person.email,
    avatar: person.image ?? '',
    avatar_url: person.image,
    display_name: displayName(person),
  };
}
