import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { projects } from './projects.schema.ts';
import { states } from './states.schema.ts';
import {
  priorities,
  workItemAssignees,
  workItemLabels,
  workItems,
  type Priority,
} from './work-items.schema.ts';

/**
 * Work-item list filters beyond Plane CE (which has none): each a query parameter, lists comma-separated. Values
 * within one filter are alternatives (any of them); different filters must all hold. Saved views store the same
 * filters (see views.service.ts) in their canonical form, `WorkItemFilterJson`.
 */
export const stateGroupChoices = ['backlog', 'unstarted', 'started', 'completed', 'cancelled'] as const;
export type StateGroupChoice = (typeof stateGroupChoices)[number];

const listNames = ['state', 'state_group', 'priority', 'assignees', 'labels', 'cycle', 'module'] as const;
const dateNames = [
  'start_date_after',
  'start_date_before',
  'target_date_after',
  'target_date_before',
] as const;
export const filterNames = [...listNames, 'parent', ...dateNames, 'search'] as const;
export type FilterName = (typeof filterNames)[number];

export interface WorkItemFilters {
  state?: string[];
  state_group?: StateGroupChoice[];
  priority?: Priority[];
  assignees?: string[];
  labels?: string[];
  cycle?: string[];
  module?: string[];
  /** A parent's id, or null for top-level items only. */
  parent?: string | null;
  start_date_after?: string;
  start_date_before?: string;
  target_date_after?: string;
  target_date_before?: string;
  search?: string;
}

/** The filters as JSON (what a saved view stores and returns): lists as arrays, `parent` `"null"` for top level. */
export type WorkItemFilterJson = Partial<Record<FilterName, string | string[]>>;

/** One query parameter: several occurrences count as one comma-separated list. */
const filterParam = z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().optional());
export const workItemFilterQuery = Object.fromEntries(filterNames.map((n) => [n, filterParam])) as Record<
  FilterName,
  typeof filterParam
>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_VALUES = 100;
const MAX_SEARCH = 255;

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function items(value: string | string[]): string[] {
  const parts = Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : value.split(',');
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Reads the filters from query parameters or a view's stored JSON. Every bad value is reported at once, in
 * Plane's validation dialect: `400 {"state_group": ["\"x\" is not a valid choice."]}`. `prefix` nests the names
 * (a view's body reports `{"filters": {...}}`).
 */
export function parseWorkItemFilters(
  input: Partial<Record<string, unknown>>,
  prefix?: string,
): WorkItemFilters {
  const errors: Record<string, string[]> = {};
  const fail = (name: string, message: string) => (errors[name] ??= []).push(message);
  const filters: WorkItemFilters = {};
  for (const name of filterNames) {
    const raw = input[name];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' && !(Array.isArray(raw) && raw.every((v) => typeof v === 'string'))) {
      fail(name, 'Expected a string or a list of strings.');
      continue;
    }
    if (name === 'search') {
      const text = [raw].flat().join(' ').trim();
      if (text.length > MAX_SEARCH)
        fail(name, `Ensure this field has no more than ${MAX_SEARCH} characters.`);
      else if (text) filters.search = text;
      continue;
    }
    const values = items(raw);
    if (values.length === 0) continue;
    if (name === 'parent') {
      const [value] = values;
      if (values.length > 1) fail(name, 'Give one parent id, or null.');
      else if (value === 'null') filters.parent = null;
      else if (uuidPattern.test(value!)) filters.parent = value!.toLowerCase();
      else fail(name, 'Must be a valid UUID.');
      continue;
    }
    if ((dateNames as readonly string[]).includes(name)) {
      const [value] = values;
      if (values.length > 1 || !isDate(value!)) {
        fail(name, 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.');
      } else filters[name as (typeof dateNames)[number]] = value!;
      continue;
    }
    if (values.length > MAX_VALUES) {
      fail(name, `Ensure this field has no more than ${MAX_VALUES} elements.`);
      continue;
    }
    const choices = name === 'state_group' ? stateGroupChoices : name === 'priority' ? priorities : undefined;
    const bad = values.filter((v) =>
      choices ? !(choices as readonly string[]).includes(v) : !uuidPattern.test(v),
    );
    for (const value of bad)
      fail(name, choices ? `"${value}" is not a valid choice.` : 'Must be a valid UUID.');
    if (bad.length === 0) {
      const unique = [...new Set(choices ? values : values.map((v) => v.toLowerCase()))];
      (filters as Record<string, string[]>)[name] = unique;
    }
  }
  if (
    filters.start_date_after &&
    filters.start_date_before &&
    filters.start_date_after > filters.start_date_before
  ) {
    fail('start_date_before', 'Must not be before start_date_after.');
  }
  if (
    filters.target_date_after &&
    filters.target_date_before &&
    filters.target_date_after > filters.target_date_before
  ) {
    fail('target_date_before', 'Must not be before target_date_after.');
  }
  if (Object.keys(errors).length > 0) {
    const fields = prefix ? { [prefix]: errors } : errors;
    const [first] = Object.keys(errors);
    throw new AppError('VALIDATION_FAILED', {
      field: prefix ?? first,
      message: errors[first!]![0],
      details: { fields },
    });
  }
  return filters;
}

/** The canonical JSON of parsed filters (a view's `filters`). */
export function filtersToJson(filters: WorkItemFilters): WorkItemFilterJson {
  const json: WorkItemFilterJson = {};
  for (const name of filterNames) {
    const value = filters[name];
    if (value === undefined) continue;
    json[name] = value === null ? 'null' : value;
  }
  return json;
}

export function hasFilters(filters: WorkItemFilters): boolean {
  return Object.keys(filters).length > 0;
}

/**
 * A membership table that puts work items into groups (cycle issues, module issues): which column holds the
 * work item, which the group, and which rows count (e.g. not deleted). The work module wires one per filter.
 */
export interface Membership {
  table: PgTable;
  item: AnyPgColumn;
  group: AnyPgColumn;
  live?: SQL;
}

export interface Memberships {
  cycle?: Membership;
  module?: Membership;
}

/** Items that belong to any of the groups. */
export function memberOf(membership: Membership, groupIds: string[]): SQL {
  return sql`exists (select 1 from ${membership.table} where ${membership.item} = ${workItems.id} and ${and(
    inArray(membership.group, groupIds),
    membership.live,
  )})`;
}

/** The words of a search as a prefix query: `launch ban` → `'launch':* & 'ban':*`; undefined when there are none. */
export function prefixQuery(text: string): string | undefined {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words
    .slice(0, 16)
    .map((w) => `'${w}':*`)
    .join(' & ');
}

/** A readable key in the search text (`WEB-12`), split into identifier and number. */
export function readableKey(text: string): { identifier: string; sequence: number } | undefined {
  const match = /^\s*([A-Za-z0-9]+)-(\d{1,9})\s*$/.exec(text);
  return match ? { identifier: match[1]!.toUpperCase(), sequence: Number(match[2]) } : undefined;
}

/**
 * What `search` matches: the name and description by full text (every word, the last ones as prefixes, on the
 * GIN-indexed `search_vector`), the item's number (`12`), or its readable key (`WEB-12`).
 */
export function textMatch(text: string): SQL {
  const query = prefixQuery(text);
  const key = readableKey(text);
  const number = /^\s*\d{1,9}\s*$/.test(text) ? Number(text) : undefined;
  return (
    or(
      query ? sql`${workItems.searchVector} @@ to_tsquery('simple', ${query})` : undefined,
      number === undefined ? undefined : eq(workItems.sequenceId, number),
      key
        ? and(
            eq(workItems.sequenceId, key.sequence),
            sql`exists (select 1 from ${projects} p where p.id = ${workItems.projectId} and p.identifier = ${key.identifier})`,
          )
        : undefined,
    ) ?? sql`false`
  );
}

/** The conditions the filters add to a work-item query. */
export function filterConditions(filters: WorkItemFilters, memberships: Memberships): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (filters.state) conditions.push(inArray(workItems.stateId, filters.state));
  if (filters.state_group) {
    conditions.push(
      sql`exists (select 1 from ${states} s where s.id = ${workItems.stateId} and ${inArray(
        sql`s.group`,
        filters.state_group,
      )})`,
    );
  }
  if (filters.priority) conditions.push(inArray(workItems.priority, filters.priority));
  if (filters.assignees) {
    conditions.push(
      sql`exists (select 1 from ${workItemAssignees} wa where wa.work_item_id = ${workItems.id} and ${inArray(
        sql`wa.assignee_id`,
        filters.assignees,
      )})`,
    );
  }
  if (filters.labels) {
    conditions.push(
      sql`exists (select 1 from ${workItemLabels} wl where wl.work_item_id = ${workItems.id} and ${inArray(
        sql`wl.label_id`,
        filters.labels,
      )})`,
    );
  }
  for (const name of ['cycle', 'module'] as const) {
    const ids = filters[name];
    if (!ids) continue;
    const membership = memberships[name];
    if (!membership) {
      throw new AppError('VALIDATION_FAILED', {
        field: name,
        message: `Filtering by ${name} is not available.`,
      });
    }
    conditions.push(memberOf(membership, ids));
  }
  if (filters.parent === null) conditions.push(isNull(workItems.parentId));
  else if (filters.parent) conditions.push(eq(workItems.parentId, filters.parent));
  if (filters.start_date_after) conditions.push(gte(workItems.startDate, filters.start_date_after));
  if (filters.start_date_before) conditions.push(lte(workItems.startDate, filters.start_date_before));
  if (filters.target_date_after) conditions.push(gte(workItems.targetDate, filters.target_date_after));
  if (filters.target_date_before) conditions.push(lte(workItems.targetDate, filters.target_date_before));
  if (filters.search) conditions.push(textMatch(filters.search));
  return and(...conditions);
}
