import { Boxes, Plus } from 'lucide-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { ArchivedPlans, modulesKind, PlanFeatureOff, PlanRow } from '@/components/work/plan-list.tsx';
import { personName } from '@/lib/plane-plans.ts';
import type { Module, Project, UserLite } from '@/lib/plane-types.ts';
import {
  useArchivedModules,
  useCreateModule,
  useModules,
  useProjectPeople,
  useUnarchiveModule,
} from '../api/modules.ts';
import { ModuleFormDialog } from './module-form-dialog.tsx';
import { ModuleStatusBadge } from './module-display.tsx';

interface ModulesListProps {
  slug: string;
  project: Project;
  canEdit: boolean;
  canManage: boolean;
  modulePath: (id: string) => string;
}

/** The project's modules with their status, lead and progress. */
export function ModulesList({ slug, project, canEdit, canManage, modulePath }: ModulesListProps) {
  const modules = useModules(slug, project.id);
  const people = useProjectPeople(slug, project.id);
  const create = useCreateModule(slug, project.id);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();

  if (!project.module_view)
    return (
      <PlanFeatureOff
        kind={modulesKind}
        slug={slug}
        projectId={project.id}
        canManage={canManage}
        icon={Boxes}
      >
        Modules group the work items of one workstream, with a lead and progress.
      </PlanFeatureOff>
    );
  if (modules.isPending) return <LoadingState label="Loading modules…" />;
  if (modules.isError) return <ErrorState error={modules.error} onRetry={() => modules.refetch()} />;

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-base font-semibold">Modules</h1>
        {canEdit && (
          <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" />
            New module
          </Button>
        )}
      </div>
      {modules.data.length === 0 ? (
        <EmptyState icon={Boxes} title="No modules yet">
          {canEdit
            ? 'Use “New module” to group the work of one workstream, then add work items to it.'
            : 'A project member can create the first module.'}
        </EmptyState>
      ) : (
        <ul aria-label="Modules" className="divide-y divide-line rounded-lg border border-line bg-surface">
          {modules.data.map((m) => (
            <ModuleRow key={m.id} module={m} to={modulePath(m.id)} people={people.data ?? []} />
          ))}
        </ul>
      )}
      <ArchivedModules slug={slug} projectId={project.id} canEdit={canEdit} />
      {canEdit && (
        <ModuleFormDialog
          open={creating}
          onClose={() => {
            create.reset();
            setCreating(false);
          }}
          people={people.data ?? []}
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (m) => {
                toast(`Created ${m.name}`);
                setCreating(false);
                navigate(modulePath(m.id));
              },
            })
          }
        />
      )}
    </div>
  );
}

function ModuleRow({ module: m, to, people }: { module: Module; to: string; people: UserLite[] }) {
  const lead = m.lead ? people.find((p) => p.id === m.lead) : undefined;
  return (
    <PlanRow
      plan={m}
      to={to}
      subtitle={lead ? `Led by ${personName(lead)}` : m.lead ? 'Led by …' : 'No lead'}
      fixedStatusColumn
      status={
        <div className="text-right">
          <ModuleStatusBadge status={m.status} />
        </div>
      }
    />
  );
}

function ArchivedModules({
  slug,
  projectId,
  canEdit,
}: {
  slug: string;
  projectId: string;
  canEdit: boolean;
}) {
  const archived = useArchivedModules(slug, projectId);
  const unarchive = useUnarchiveModule(slug, projectId);
  return (
    <ArchivedPlans
      kind={modulesKind}
      archived={archived}
      unarchive={unarchive}
      canEdit={canEdit}
      describe={(m) => <span className="font-medium">{m.name}</span>}
    />
  );
}
