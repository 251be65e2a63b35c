import { Archive, ListPlus, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AddPlanItemsDialog, PlanItemsSection, PlanQueryState } from '@/components/work/plan-items.tsx';
import { ProgressBreakdown } from '@/components/work/progress-breakdown.tsx';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { controlClasses } from '@/components/ui/field.tsx';
import { Menu } from '@/components/ui/menu.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { personName } from '@/lib/plane-plans.ts';
import { moduleStatuses, type ModuleStatus, type Project } from '@/lib/plane-types.ts';
import {
  moduleStatusLabels,
  useAddModuleItems,
  useArchiveModule,
  useModule,
  useProjectItems,
  useProjectPeople,
  useProjectStates,
  useRemoveModuleItem,
  useUpdateModule,
  type ModuleInput,
} from '../api/modules.ts';
import { moduleProgress, ModuleStatusBadge } from './module-display.tsx';

interface ModuleDetailProps {
  slug: string;
  project: Project;
  moduleId: string;
  canEdit: boolean;
  itemPath: (id: string) => string;
  modulesPath: string;
  onTitle: (title: string) => void;
}

export function ModuleDetail(props: ModuleDetailProps) {
  const { slug, project, moduleId, canEdit, itemPath, modulesPath, onTitle } = props;
  const mod = useModule(slug, project.id, moduleId);
  const items = useProjectItems(slug, project.id, { module: moduleId });
  const states = useProjectStates(slug, project.id);
  const people = useProjectPeople(slug, project.id);
  const update = useUpdateModule(slug, project.id, moduleId);
  const remove = useRemoveModuleItem(slug, project.id, moduleId);
  const archive = useArchiveModule(slug, project.id);
  const [open, setOpen] = useState<'add' | 'archive' | null>(null);
  const toast = useToast();
  const navigate = useNavigate();

  useEffect(() => {
    if (mod.data) onTitle(mod.data.name);
  }, [mod.data, onTitle]);

  if (mod.isPending || mod.isError)
    return <PlanQueryState query={mod} noun="module" listPath={modulesPath} />;
  const data = mod.data;
  const everyone = people.data ?? [];
  const change = (input: ModuleInput, done: string) =>
    update.mutate(input, {
      onSuccess: () => toast(done),
      onError: (e) => toast(`Could not change the module: ${e.message}`, { tone: 'danger' }),
    });
  const archivable = data.status === 'completed' || data.status === 'cancelled';
  const memberNames = data.members
    .map((id) => everyone.find((p) => p.id === id))
    .filter((p) => p !== undefined)
    .map(personName);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <nav aria-label="Module" className="mb-1 text-[13px] text-muted">
            <Link to={modulesPath} className="hover:text-ink hover:underline">
              Modules
            </Link>
          </nav>
          <div className="flex items-center gap-2">
            <h1 className="text-lg font-semibold">{data.name}</h1>
            <ModuleStatusBadge status={data.status} />
          </div>
        </div>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="primary" onClick={() => setOpen('add')}>
              <ListPlus className="size-4" aria-hidden="true" />
              Add work items
            </Button>
            {archivable && (
              <Button size="sm" onClick={() => setOpen('archive')}>
                <Archive className="size-4" aria-hidden="true" />
                Archive module
              </Button>
            )}
          </div>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <CardHeader
            title="Progress"
            headingId="module-progress"
            description={`${data.completed_issues ?? 0} of ${data.total_issues ?? 0} work items done`}
          />
          <div className="p-5">
            <ProgressBreakdown progress={moduleProgress(data)} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Details" headingId="module-details" />
          <div className="space-y-4 p-5">
            <div className="space-y-1.5">
              <label htmlFor="module-status" className="block text-[13px] font-medium">
                Status
              </label>
              <select
                id="module-status"
                value={data.status}
                disabled={!canEdit}
                onChange={(e) => {
                  const status = e.target.value as ModuleStatus;
                  change({ status }, `Status: ${moduleStatusLabels[status]}`);
                }}
                className={cn(controlClasses, 'h-9 pr-8')}
              >
                {moduleStatuses.map((s) => (
                  <option key={s} value={s}>
                    {moduleStatusLabels[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1.5">
              <label htmlFor="module-lead" className="block text-[13px] font-medium">
                Lead
              </label>
              <select
                id="module-lead"
                value={data.lead ?? ''}
                disabled={!canEdit}
                onChange={(e) => {
                  const lead = e.target.value || null;
                  const person = everyone.find((p) => p.id === lead);
                  change({ lead }, person ? `${personName(person)} leads ${data.name}` : 'No lead now');
                }}
                className={cn(controlClasses, 'h-9 pr-8')}
              >
                <option value="">No lead</option>
                {everyone.map((p) => (
                  <option key={p.id} value={p.id}>
                    {personName(p)}
                  </option>
                ))}
              </select>
            </div>
            <div className="space-y-1.5">
              <p id="module-members" className="text-[13px] font-medium">
                Members
              </p>
              <p aria-labelledby="module-members" className="text-muted" data-testid="module-members">
                {memberNames.length > 0 ? memberNames.join(', ') : 'Nobody yet'}
              </p>
              {canEdit && (
                <Menu
                  label="Choose module members"
                  triggerClassName={buttonClasses('secondary', 'sm')}
                  trigger={
                    <>
                      <Users className="size-4" aria-hidden="true" />
                      Members
                    </>
                  }
                  empty="The project has no members to choose from."
                  items={everyone.map((p) => ({
                    id: p.id,
                    label: personName(p),
                    checked: data.members.includes(p.id),
                    onSelect: () => {
                      const members = data.members.includes(p.id)
                        ? data.members.filter((m) => m !== p.id)
                        : [...data.members, p.id];
                      change({ members }, 'Members saved');
                    },
                  }))}
                />
              )}
            </div>
          </div>
        </Card>
      </div>

      <PlanItemsSection
        headingId="module-items"
        planName={data.name}
        items={items}
        states={states}
        identifier={project.identifier}
        itemPath={itemPath}
        remove={remove}
        canRemove={canEdit}
        emptyTitle="No work items in this module"
        emptyText={
          canEdit ? 'Use “Add work items” to gather the work of this workstream.' : 'Nothing was added yet.'
        }
      />

      {canEdit && open === 'add' && (
        <AddToModule
          slug={slug}
          project={project}
          moduleId={moduleId}
          moduleName={data.name}
          onClose={() => setOpen(null)}
        />
      )}
      <ConfirmDialog
        open={open === 'archive'}
        title={`Archive ${data.name}?`}
        description="It leaves the list of modules and keeps its work items. You can unarchive it from the bottom of the modules page."
        confirmLabel="Archive module"
        pending={archive.isPending}
        error={archive.error}
        onClose={() => {
          archive.reset();
          setOpen(null);
        }}
        onConfirm={() =>
          archive.mutate(moduleId, {
            onSuccess: () => {
              toast(`Archived ${data.name}`);
              navigate(modulesPath);
            },
          })
        }
      />
    </div>
  );
}

function AddToModule({
  slug,
  project,
  moduleId,
  moduleName,
  onClose,
}: {
  slug: string;
  project: Project;
  moduleId: string;
  moduleName: string;
  onClose: () => void;
}) {
  const add = useAddModuleItems(slug, project.id, moduleId);
  return (
    <AddPlanItemsDialog
      slug={slug}
      project={project}
      filters={{ module: moduleId }}
      planName={moduleName}
      add={add}
      onClose={onClose}
    />
  );
}
