import { useQuery } from '@tanstack/react-query';
import { ListFilter, Search, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { Menu, type MenuItem } from '@/components/ui/menu.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { cn } from '@/lib/cn.ts';
import { formatDate } from '@/lib/format.ts';
import { pointLabel, projectEstimateQuery, type ProjectEstimate } from '@/lib/plane-estimates.ts';
import { cyclesQuery, modulesQuery } from '@/lib/plane-plans.ts';
import { priorities, type Project, type WorkItem } from '@/lib/plane-types.ts';
import { useLabels } from '../api/get-labels.ts';
import { personName, useProjectMembers } from '../api/get-project-members.ts';
import { useStates } from '../api/get-states.ts';
import { filterKeys, useWorkItems, type WorkItemFilters } from '../api/get-work-items.ts';
import { Assignees, itemKey, LabelChips, PriorityIcon, priorityLabels, StateDot } from './display.tsx';
import { SavedViews } from './saved-views.tsx';

interface WorkItemListProps {
  slug: string;
  project: Project;
  itemPath: (id: string) => string;
  searchInputId: string;
  /** Whether the viewer may save views (project admins and members). */
  canEdit: boolean;
}

export const groupings = { none: 'No grouping', state: 'State', priority: 'Priority', assignee: 'Assignee' };
type Grouping = keyof typeof groupings;

export const orderings: Record<string, string> = {
  '-created_at': 'Newest first',
  created_at: 'Oldest first',
  '-updated_at': 'Recently updated',
  priority: 'Priority',
  state__group: 'State',
  target_date: 'Target date',
  sequence_id: 'Number',
  name: 'Name',
};

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

/**
 * The spreadsheet view: filters, grouping and sort order live in the URL (`?state=…&priority=high,urgent
 * &group=state&order_by=-updated_at`), so a filtered list can be bookmarked and shared; filtering is the server's.
 */
export function WorkItemList({ slug, project, itemPath, searchInputId, canEdit }: WorkItemListProps) {
  const [params, setParams] = useSearchParams();
  const states = useStates(slug, project.id);
  const labels = useLabels(slug, project.id);
  const members = useProjectMembers(slug, project.id);
  const cycles = useQuery({ ...cyclesQuery(slug, project.id), enabled: project.cycle_view });
  const modules = useQuery({ ...modulesQuery(slug, project.id), enabled: project.module_view });
  const estimate = useQuery(projectEstimateQuery(slug, project.id)).data;

  const filters: WorkItemFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  filters.order_by = params.get('order_by') ?? '-created_at';
  const grouping = (params.get('group') as Grouping | null) ?? 'none';
  const items = useWorkItems(slug, project.id, filters);

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const toggle = (key: string, value: string) => {
    const values = list(params.get(key));
    setParam(
      key,
      (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]).join(','),
    );
  };
  const checkItems = (
    key: string,
    options: Array<{ id: string; label: string; prefix?: MenuItem['prefix'] }>,
  ) =>
    options.map((o) => ({
      ...o,
      checked: list(params.get(key)).includes(o.id),
      onSelect: () => toggle(key, o.id),
    }));

  const activeFilters = filterKeys.filter((k) => k !== 'search' && params.get(k));
  const statesById = new Map((states.data ?? []).map((s) => [s.id, s]));
  const people = members.data ?? [];
  /** The toolbar's filter menus, in order; cycles and modules only when the project uses them (or one is set). */
  const filterMenus: Array<{
    key: string;
    name: string;
    empty?: string;
    shown: boolean;
    options: Array<{ id: string; label: string; prefix?: MenuItem['prefix'] }>;
  }> = [
    {
      key: 'state',
      name: 'State',
      shown: true,
      options: (states.data ?? []).map((s) => ({ id: s.id, label: s.name, prefix: <StateDot state={s} /> })),
    },
    {
      key: 'priority',
      name: 'Priority',
      shown: true,
      options: priorities.map((p) => ({
        id: p,
        label: priorityLabels[p],
        prefix: <PriorityIcon priority={p} />,
      })),
    },
    {
      key: 'assignees',
      name: 'Assignee',
      shown: true,
      options: people.map((p) => ({ id: p.id, label: personName(p) })),
    },
    {
      key: 'labels',
      name: 'Label',
      empty: 'The project has no labels yet.',
      shown: true,
      options: (labels.data ?? []).map((l) => ({ id: l.id, label: l.name })),
    },
    {
      key: 'cycle',
      name: 'Cycle',
      empty: 'The project has no cycles yet.',
      shown: project.cycle_view || Boolean(params.get('cycle')),
      options: (cycles.data ?? []).map((c) => ({ id: c.id, label: c.name })),
    },
    {
      key: 'module',
      name: 'Module',
      empty: 'The project has no modules yet.',
      shown: project.module_view || Boolean(params.get('module')),
      options: (modules.data ?? []).map((m) => ({ id: m.id, label: m.name })),
    },
  ];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Filters and display">
        <SavedViews
          slug={slug}
          projectId={project.id}
          canEdit={canEdit}
          params={params}
          show={(next) => setParams(next, { replace: true })}
        />
        <SearchBox
          id={searchInputId}
          value={params.get('search') ?? ''}
          onChange={(value) => setParam('search', value)}
        />
        {filterMenus
          .filter((menu) => menu.shown)
          .map((menu) => (
            <FilterMenu
              key={menu.key}
              name={menu.name}
              count={list(params.get(menu.key)).length}
              empty={menu.empty}
              items={checkItems(menu.key, menu.options)}
            />
          ))}
        {activeFilters.length > 0 && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() =>
              setParams(
                (current) => {
                  const next = new URLSearchParams(current);
                  filterKeys.forEach((k) => next.delete(k));
                  return next;
                },
                { replace: true },
              )
            }
          >
            <X className="size-3.5" aria-hidden="true" />
            Clear filters
          </Button>
        )}
        <div className="ml-auto flex items-center gap-2">
          <label htmlFor="list-group" className="text-[13px] text-muted">
            Group by
          </label>
          <select
            id="list-group"
            value={grouping}
            onChange={(e) => setParam('group', e.target.value === 'none' ? undefined : e.target.value)}
            className={cn(controlClasses, 'h-8 w-auto pr-7 text-[13px]')}
          >
            {Object.entries(groupings).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <label htmlFor="list-sort" className="text-[13px] text-muted">
            Sort
          </label>
          <select
            id="list-sort"
            value={filters.order_by}
            onChange={(e) =>
              setParam('order_by', e.target.value === '-created_at' ? undefined : e.target.value)
            }
            className={cn(controlClasses, 'h-8 w-auto pr-7 text-[13px]')}
          >
            {Object.entries(orderings).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>

      {items.isPending || states.isPending ? (
        <LoadingState label="Loading work items…" />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => items.refetch()} />
      ) : items.data.length === 0 ? (
        <EmptyState
          icon={ListFilter}
          title={activeFilters.length || filters.search ? 'No work items match' : 'No work items yet'}
        >
          {activeFilters.length || filters.search
            ? 'Change or clear the filters to see more.'
            : 'Press C or use “New work item” to add the first one.'}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table
            className="w-full min-w-[52rem] text-left"
            aria-label={`Work items of ${project.name}`}
            aria-busy={items.isFetching}
          >
            <thead className="border-b border-line text-xs text-muted">
              <tr>
                <th scope="col" className="w-20 px-3 py-2 font-medium">
                  ID
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="w-36 px-3 py-2 font-medium">
                  State
                </th>
                <th scope="col" className="w-28 px-3 py-2 font-medium">
                  Priority
                </th>
                <th scope="col" className="w-24 px-3 py-2 font-medium">
                  Assignees
                </th>
                <th scope="col" className="w-40 px-3 py-2 font-medium">
                  Labels
                </th>
                <th scope="col" className="w-28 px-3 py-2 font-medium">
                  Target date
                </th>
                <th scope="col" className="w-20 px-3 py-2 font-medium">
                  Estimate
                </th>
              </tr>
            </thead>
            {group(items.data, grouping, {
              state: (id) => statesById.get(id)?.name ?? 'Unknown state',
              person: (id) => {
                const p = people.find((m) => m.id === id);
                return p ? personName(p) : 'Former member';
              },
              stateOrder: (states.data ?? []).map((s) => s.id),
            }).map((section) => (
              <tbody key={section.key} className="divide-y divide-line">
                {grouping !== 'none' && (
                  <tr className="bg-subtle/60">
                    <th scope="colgroup" colSpan={8} className="px-3 py-1.5 text-xs font-semibold">
                      {section.title} <span className="font-normal text-muted">{section.rows.length}</span>
                    </th>
                  </tr>
                )}
                {section.rows.map((item) => {
                  const state = statesById.get(item.state);
                  return (
                    <tr key={`${section.key}-${item.id}`} className="hover:bg-subtle/50">
                      <td className="px-3 py-2 text-xs whitespace-nowrap text-muted">
                        {itemKey(project.identifier, item.sequence_id)}
                      </td>
                      <td className="px-3 py-2">
                        <Link to={itemPath(item.id)} className="font-medium text-ink hover:underline">
                          {item.name}
                        </Link>
                      </td>
                      <td className="px-3 py-2">
                        <span className="flex items-center gap-1.5">
                          <StateDot state={state} />
                          {state?.name ?? '—'}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <span className="flex items-center gap-1.5">
                          <PriorityIcon priority={item.priority} />
                          {priorityLabels[item.priority]}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <Assignees ids={item.assignees} people={people} />
                      </td>
                      <td className="px-3 py-2">
                        <LabelChips ids={item.labels} labels={labels.data ?? []} />
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap text-muted">
                        {item.target_date ? formatDate(`${item.target_date}T12:00:00`) : '—'}
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap text-muted">{estimateOf(item, estimate)}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
      )}
      {items.data && (
        <p className="text-xs text-muted" aria-live="polite">
          {items.data.length} {items.data.length === 1 ? 'work item' : 'work items'}
        </p>
      )}
    </div>
  );
}

/** The item's point on the project's estimate, or the legacy 0–12 `point` when the project has none. */
function estimateOf(item: WorkItem, estimate: ProjectEstimate | null | undefined): string {
  if (!estimate) return item.point === null ? '—' : String(item.point);
  const point = estimate.points.find((p) => p.id === item.estimate_point);
  return point ? pointLabel(estimate.estimate, point) : '—';
}

interface Section {
  key: string;
  title: string;
  rows: WorkItem[];
}

function group(
  rows: WorkItem[],
  grouping: Grouping,
  names: { state: (id: string) => string; person: (id: string) => string; stateOrder: string[] },
): Section[] {
  if (grouping === 'none') return [{ key: 'all', title: '', rows }];
  const sections = new Map<string, Section>();
  const add = (key: string, title: string, item: WorkItem) => {
    const section = sections.get(key) ?? { key, title, rows: [] };
    section.rows.push(item);
    sections.set(key, section);
  };
  for (const item of rows) {
    if (grouping === 'state') add(item.state, names.state(item.state), item);
    else if (grouping === 'priority') add(item.priority, priorityLabels[item.priority], item);
    else if (item.assignees.length === 0) add('none', 'No assignee', item);
    else item.assignees.forEach((id) => add(id, names.person(id), item));
  }
  const order = (s: Section) =>
    grouping === 'state'
      ? names.stateOrder.indexOf(s.key)
      : grouping === 'priority'
        ? priorities.indexOf(s.key as (typeof priorities)[number])
        : s.key === 'none'
          ? Number.MAX_SAFE_INTEGER
          : 0;
  return [...sections.values()].sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title));
}

function FilterMenu({
  name,
  count,
  items,
  empty,
}: {
  name: string;
  count: number;
  items: MenuItem[];
  empty?: string | undefined;
}) {
  return (
    <Menu
      // The name holds the visible text (name and count), as WCAG's label-in-name asks.
      label={`Filter by ${name.toLowerCase()}${count > 0 ? ` ${count} selected` : ''}`}
      items={items}
      empty={empty ?? 'Nothing to filter by yet.'}
      triggerClassName={cn(
        'inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-[13px] font-medium',
        count > 0
          ? 'border-accent-text bg-accent-soft text-accent-text'
          : 'border-line-strong bg-surface text-ink hover:bg-subtle',
      )}
      trigger={
        <>
          {name}
          {count > 0 && <span className="rounded-full bg-surface px-1.5 text-xs"> {count}</span>}
        </>
      }
    />
  );
}

/** Typing filters after a short pause; the URL keeps the words. */
function SearchBox({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  // The URL changed by other means (back, "Clear filters"): show its words.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onChange(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative">
      <Search className="pointer-events-none absolute top-2 left-2.5 size-4 text-muted" aria-hidden="true" />
      <input
        id={id}
        type="search"
        aria-label="Filter work items by name"
        placeholder="Filter by name…  ( / )"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={cn(controlClasses, 'h-8 w-56 pl-8 text-[13px]')}
      />
    </div>
  );
}
