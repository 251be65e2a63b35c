import { useQuery } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { controlClasses, InputField, SelectField } from '@/components/ui/field.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { projectEstimateQuery, type ProjectEstimate } from '@/lib/plane-estimates.ts';
import type { EstimatePoint, EstimateType, Project } from '@/lib/plane-types.ts';
import {
  estimateNames,
  useAddEstimatePoint,
  useCreateEstimate,
  useDeleteEstimate,
  useDeleteEstimatePoint,
  useUpdateEstimatePoint,
} from '../api/estimates.ts';

const maxValue = 20;

interface SettingsProps {
  slug: string;
  project: Project;
  /** Project admins and members: the estimate and its values. */
  canEdit: boolean;
}

/**
 * The project's estimate: the scale work items are sized with; cycles add up points and time. Project members
 * write it; linking it to the project is a project setting (`canLink`), which work items do not need.
 */
export function EstimateSettings({ slug, project, canEdit, canLink }: SettingsProps & { canLink: boolean }) {
  const query = useQuery(projectEstimateQuery(slug, project.id));
  return (
    <Card>
      <CardHeader
        title="Estimates"
        headingId="settings-estimates"
        description="A scale to size work items with. Cycles add up points and time."
      />
      <div className="p-5">
        {query.isPending ? (
          <p className="text-muted">Loading the estimate…</p>
        ) : query.isError ? (
          <Alert>{query.error.message}</Alert>
        ) : query.data ? (
          <EstimateEditor slug={slug} project={project} canEdit={canEdit} current={query.data} />
        ) : canEdit ? (
          <CreateEstimateForm slug={slug} project={project} link={canLink} />
        ) : (
          <p className="text-muted">This project has no estimate.</p>
        )}
      </div>
    </Card>
  );
}

function CreateEstimateForm({ slug, project, link }: { slug: string; project: Project; link: boolean }) {
  const create = useCreateEstimate(slug, project.id, link);
  const toast = useToast();
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const type = String(form.get('type')) as EstimateType;
    const values = String(form.get('values') ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) return setError('Give at least one value, e.g. “1, 2, 3, 5, 8”.');
    if (values.some((v) => v.length > maxValue))
      return setError(`Each value has at most ${maxValue} characters.`);
    setError(undefined);
    create.mutate({ type, values }, { onSuccess: () => toast('Estimate created') });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create an estimate">
      {create.error && <Alert>{create.error.message}</Alert>}
      <SelectField label="Type" name="type" defaultValue="points">
        {(Object.keys(estimateNames) as EstimateType[]).map((type) => (
          <option key={type} value={type}>
            {estimateNames[type]}
          </option>
        ))}
      </SelectField>
      <InputField
        label="Values"
        name="values"
        defaultValue="1, 2, 3, 5, 8"
        autoComplete="off"
        hint="Comma-separated, smallest first: numbers for points and minutes, names (S, M, L) for categories."
        error={error}
      />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create estimate
        </Button>
      </div>
    </form>
  );
}

function EstimateEditor({ slug, project, canEdit, current }: SettingsProps & { current: ProjectEstimate }) {
  const { estimate, points } = current;
  const add = useAddEstimatePoint(slug, project.id, estimate.id);
  const remove = useDeleteEstimate(slug, project.id);
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [newValue, setNewValue] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = newValue.trim();
    if (!value) return;
    const key = Math.max(0, ...points.map((p) => p.key)) + 1;
    add.mutate({ value, key }, { onSuccess: () => setNewValue('') });
  };
  return (
    <div className="space-y-4">
      <p>
        <span className="font-medium">{estimate.name}</span>{' '}
        <span className="text-muted">
          · {points.length} {points.length === 1 ? 'value' : 'values'}
        </span>
      </p>
      {add.error && <Alert>{add.error.message}</Alert>}
      <ul className="divide-y divide-line rounded-md border border-line" aria-label="Estimate values">
        {points.map((point, i) => (
          <PointRow
            key={`${point.id}-${point.value}`}
            slug={slug}
            projectId={project.id}
            point={point}
            position={i + 1}
            canEdit={canEdit}
          />
        ))}
      </ul>
      {canEdit && (
        <>
          <form onSubmit={submit} className="flex gap-2" aria-label="Add a value">
            <input
              value={newValue}
              onChange={(e) => setNewValue(e.target.value)}
              maxLength={maxValue}
              aria-label="New value"
              placeholder="New value"
              className={cn(controlClasses, 'h-9 max-w-48')}
            />
            <Button type="submit" pending={add.isPending}>
              Add value
            </Button>
          </form>
          <div className="flex justify-end">
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Delete estimate
            </Button>
          </div>
          <ConfirmDialog
            open={confirming}
            title="Delete the estimate?"
            description="Work items lose their estimate (each one's history says so); cycles count their points without it."
            confirmLabel="Delete estimate"
            pending={remove.isPending}
            error={remove.error}
            onClose={() => setConfirming(false)}
            onConfirm={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  setConfirming(false);
                  toast('Estimate deleted');
                },
              })
            }
          />
        </>
      )}
    </div>
  );
}

function PointRow({
  slug,
  projectId,
  point,
  position,
  canEdit,
}: {
  slug: string;
  projectId: string;
  point: EstimatePoint;
  position: number;
  canEdit: boolean;
}) {
  const update = useUpdateEstimatePoint(slug, projectId, point.estimate);
  const remove = useDeleteEstimatePoint(slug, projectId, point.estimate);
  const toast = useToast();
  const fail = (what: string) => (error: Error) =>
    toast(`Could not ${what} “${point.value}”: ${error.message}`, { tone: 'danger' });
  const save = (value: string) => {
    const trimmed = value.trim();
    if (!trimmed || trimmed === point.value) return;
    update.mutate({ id: point.id, value: trimmed }, { onError: fail('change') });
  };
  return (
    <li className="flex items-center gap-2 px-3 py-2">
      <input
        defaultValue={point.value}
        maxLength={maxValue}
        disabled={!canEdit}
        aria-label={`Value ${position}`}
        onBlur={(e) => save(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save(e.currentTarget.value);
        }}
        className={cn(controlClasses, 'h-8 max-w-48 text-[13px]')}
      />
      {canEdit && (
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Remove ${point.value}`}
          pending={remove.isPending}
          onClick={() => remove.mutate(point.id, { onError: fail('remove') })}
        >
          <Trash2 className="size-4" aria-hidden="true" />
        </Button>
      )}
    </li>
  );
}
