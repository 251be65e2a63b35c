/**
 * The hand-written work-item SQL the benchmarks compare the product with: the same rows, columns and id lists
 * as the API's list, in one query. Shared by the in-process floor and the bare Fastify route.
 */
export const itemColumns = `w.id, w.workspace_id, w.project_id, w.sequence_id, w.name, w.description_html,
  w.description_stripped, w.description_binary, w.priority, w.state_id, w.parent_id, w.estimate_point_id, w.point,
  w.start_date, w.target_date, w.sort_order, w.completed_at, w.archived_at, w.is_draft, w.type_id,
  w.external_source, w.external_id, w.created_at, w.updated_at, w.deleted_at, w.created_by, w.updated_by,
  array(select wa.assignee_id::text from work_item_assignees wa where wa.work_item_id = w.id
    order by wa.created_at, wa.assignee_id) as assignee_ids,
  array(select wl.label_id::text from work_item_labels wl where wl.work_item_id = w.id
    order by wl.created_at, wl.label_id) as label_ids`;
export const visible = `w.project_id = $1 and w.deleted_at is null and w.archived_at is null and not w.is_draft`;
export const newestFirst = `order by w.created_at desc, w.sequence_id desc`;

/** The first `perPage` items of the project ($1), newest first. */
export const firstPageSql = (perPage: number) =>
  `select ${itemColumns} from work_items w where ${visible} ${newestFirst} limit ${perPage}`;

export interface ItemRow {
  id: string;
  workspace_id: string;
  project_id: string;
  sequence_id: number;
  name: string;
  description_html: string;
  description_binary: string | null;
  priority: string;
  state_id: string;
  parent_id: string | null;
  estimate_point_id: string | null;
  point: number | null;
  start_date: string | null;
  target_date: string | null;
  sort_order: number;
  completed_at: Date | null;
  archived_at: Date | null;
  is_draft: boolean;
  type_id: string | null;
  external_source: string | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  created_by: string | null;
  updated_by: string | null;
  assignee_ids: string[];
  label_ids: string[];
}

/** A row as the API shows it: the same fields, named as Plane names them. */
export function itemJson(r: ItemRow) {
  return {
    id: r.id,
    type_id: r.type_id,
    created_at: r.created_at,
    updated_at: r.updated_at,
    deleted_at: r.deleted_at,
    point: r.point,
    name: r.name,
    description_html: r.description_html,
    description_binary: r.description_binary,
    priority: r.priority,
    start_date: r.start_date,
    target_date: r.target_date,
    sequence_id: r.sequence_id,
    sort_order: r.sort_order,
    completed_at: r.completed_at,
    archived_at: r.archived_at,
    is_draft: r.is_draft,
    external_source: r.external_source,
    external_id: r.external_id,
    created_by: r.created_by,
    updated_by: r.updated_by,
    project: r.project_id,
    workspace: r.workspace_id,
    parent: r.parent_id,
    state: r.state_id,
    estimate_point: r.estimate_point_id,
    type: r.type_id,
    assignees: r.assignee_ids,
    labels: r.label_ids,
  };
}
