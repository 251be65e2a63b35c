import { useQuery } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { controlClasses } from '@/components/ui/field.tsx';
import { Menu } from '@/components/ui/menu.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { pointLabel, projectEstimateQuery, type ProjectEstimate } from '@/lib/plane-estimates.ts';
import {
  priorities,
  type Label,
  type Project,
  type State,
  type UserLite,
  type WorkItem,
} from '@/lib/plane-types.ts';
import { useCreateLabel } from '../api/get-labels.ts';
import { personName } from '../api/get-project-members.ts';
import { useUpdateWorkItem, type WorkItemPatch } from '../api/update-work-item.ts';
import { Assignees, LabelChips, priorityLabels, StateDot } from './display.tsx';

interface PropertiesProps {
  slug: string;
  project: Project;
  item: WorkItem;
  states: State[];
  labels: Label[];
  people: UserLite[];
  canEdit: boolean;
}

const selectClasses = cn(controlClasses, 'h-8 pr-7 text-[13px]');
const legacyPoints = [0, 1, 2, 3, 5, 8, 12];

/** Every property edits in place and saves at once; a refused change is put back with a message. */
export function Properties({ slug, project, item, states, labels, people, canEdit }: PropertiesProps) {
  const update = useUpdateWorkItem(slug, project.id);
  const createLabel = useCreateLabel(slug, project.id);
  const toast = useToast();
  const [newLabel, setNewLabel] = useState('');
  const estimate = useQuery(projectEstimateQuery(slug, project.id)).data;

  const save = (patch: WorkItemPatch, what: string) =>
    update.mutate(
      { id: item.id, patch },
      { onError: (error) => toast(`Could not change the ${what}: ${error.message}`, { tone: 'danger' }) },
    );
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  const state = states.find((s) => s.id === item.state);

  return (
    <dl className="space-y-3">
      <Row label="State" htmlFor="prop-state">
        <div className="flex items-center gap-2">
          <StateDot state={state} />
          <select
            id="prop-state"
            disabled={!canEdit}
            value={item.state}
            onChange={(e) => save({ state: e.target.value }, 'state')}
            className={selectClasses}
          >
            {states.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      </Row>
      <Row label="Priority" htmlFor="prop-priority">
        <select
          id="prop-priority"
          disabled={!canEdit}
          value={item.priority}
          onChange={(e) => save({ priority: e.target.value as WorkItem['priority'] }, 'priority')}
          className={selectClasses}
        >
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabels[p]}
            </option>
          ))}
        </select>
      </Row>
      <Row label="Assignees">
        <div className="flex items-center gap-2">
          {item.assignees.length === 0 ? (
            <span className="text-muted">Nobody</span>
          ) : (
            <Assignees ids={item.assignees} people={people} max={5} />
          )}
          {canEdit && (
            <Menu
              label="Change assignees"
              empty="The project has no members to assign."
              triggerClassName="rounded-md border border-line-strong px-2 py-1 text-[13px] hover:bg-subtle"
              trigger="Change"
              items={people.map((p) => ({
                id: p.id,
                label: personName(p),
                checked: item.assignees.includes(p.id),
                onSelect: () => save({ assignees: toggle(item.assignees, p.id) }, 'assignees'),
              }))}
            />
          )}
        </div>
      </Row>
      <Row label="Labels">
        <div className="flex flex-wrap items-center gap-2">
          {item.labels.length === 0 ? (
            <span className="text-muted">None</span>
          ) : (
            <LabelChips ids={item.labels} labels={labels} />
          )}
          {canEdit && (
            <Menu
              label="Change labels"
              triggerClassName="rounded-md border border-line-strong px-2 py-1 text-[13px] hover:bg-subtle"
              trigger="Change"
              items={labels.map((l) => ({
                id: l.id,
                label: l.name,
                checked: item.labels.includes(l.id),
                onSelect: () => save({ labels: toggle(item.labels, l.id) }, 'labels'),
              }))}
              footer={
                <form
                  className="mt-1 flex gap-1 border-t border-line p-1 pt-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const name = newLabel.trim();
                    if (!name) return;
                    createLabel.mutate(name, {
                      onSuccess: (label) => {
                        setNewLabel('');
                        save({ labels: [...item.labels, label.id] }, 'labels');
                      },
                      onError: (error) =>
                        toast(`Could not create the label: ${error.message}`, { tone: 'danger' }),
                    });
                  }}
                >
                  <input
                    value={newLabel}
                    onChange={(e) => setNewLabel(e.target.value)}
                    onKeyDown={(e) => e.stopPropagation()}
                    aria-label="New label name"
                    placeholder="New label"
                    className={cn(controlClasses, 'h-7 text-[13px]')}
                  />
                  <button
                    type="submit"
                    aria-label="Create label"
                    className="cursor-pointer rounded-md border border-line-strong px-1.5 hover:bg-subtle"
                  >
                    <Plus className="size-3.5" aria-hidden="true" />
                  </button>
                </form>
              }
            />
          )}
        </div>
      </Row>
      <Row label="Start date" htmlFor="prop-start">
        <input
          id="prop-start"
          type="date"
          disabled={!canEdit}
          value={item.start_date ?? ''}
          max={item.target_date ?? undefined}
          onChange={(e) => save({ start_date: e.target.value || null }, 'start date')}
          className={selectClasses}
        />
      </Row>
      <Row label="Target date" htmlFor="prop-target">
        <input
          id="prop-target"
          type="date"
          disabled={!canEdit}
          value={item.target_date ?? ''}
          min={item.start_date ?? undefined}
          onChange={(e) => save({ target_date: e.target.value || null }, 'target date')}
          className={selectClasses}
        />
      </Row>
      <EstimateRow item={item} estimate={estimate} canEdit={canEdit} save={save} />
    </dl>
  );
}

/**
 * With a project estimate, its points (`estimate_point`); without one, the legacy 0–12 `point` (decision 22).
 * Nothing shows while the estimate is still loading, so the picker does not switch under the pointer.
 */
function EstimateRow({
  item,
  estimate,
  canEdit,
  save,
}: {
  item: WorkItem;
  estimate: ProjectEstimate | null | undefined;
  canEdit: boolean;
  save: (patch: WorkItemPatch, what: string) => void;
}) {
  if (estimate === undefined) return null;
  const picker = estimate
    ? {
        label: 'Estimate',
        id: 'prop-estimate',
        none: 'No estimate',
        value: item.estimate_point ?? '',
        options: estimate.points.map((p) => ({ value: p.id, label: pointLabel(estimate.estimate, p) })),
        onChange: (v: string) => save({ estimate_point: v || null }, 'estimate'),
      }
    : {
        label: 'Points',
        id: 'prop-points',
        none: 'No points',
        value: item.point === null ? '' : String(item.point),
        options: legacyPoints.map((n) => ({
          value: String(n),
          label: `${n} ${n === 1 ? 'point' : 'points'}`,
        })),
        onChange: (v: string) => save({ point: v === '' ? null : Number(v) }, 'points'),
      };
  return (
    <Row label={picker.label} htmlFor={picker.id}>
      <select
        id={picker.id}
        disabled={!canEdit}
        value={picker.value}
        onChange={(e) => picker.onChange(e.target.value)}
        className={selectClasses}
      >
        <option value="">{picker.none}</option>
        {picker.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}

function Row({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] items-center gap-2">
      <dt className="text-[13px] text-muted">{htmlFor ? <label htmlFor={htmlFor}>{label}</label> : label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
