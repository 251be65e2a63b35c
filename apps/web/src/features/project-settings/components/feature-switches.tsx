import { Card, CardHeader } from '@/components/ui/card.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { cn } from '@/lib/cn.ts';
import { useUpdateProject, type ProjectPatch } from '@/lib/plane-plans.ts';
import type { Project } from '@/lib/plane-types.ts';

type Feature = 'cycle_view' | 'module_view' | 'is_time_tracking_enabled';

const features: Array<{ key: Feature; name: string; description: string }> = [
  {
    key: 'cycle_view',
    name: 'Cycles',
    description: 'Time boxes (sprints) with progress and a burndown chart.',
  },
  { key: 'module_view', name: 'Modules', description: 'Workstreams that group work items, with a lead.' },
  {
    key: 'is_time_tracking_enabled',
    name: 'Time tracking',
    description: 'Log time on work items; see it per item, cycle and project.',
  },
];

/** Switches (role="switch") for the project's optional features; each change is saved at once. */
export function FeatureSwitches({
  slug,
  project,
  canManage,
}: {
  slug: string;
  project: Project;
  canManage: boolean;
}) {
  const update = useUpdateProject(slug, project.id);
  const toast = useToast();
  const flip = (key: Feature, name: string) => {
    const on = !project[key];
    update.mutate({ [key]: on } as ProjectPatch, {
      onSuccess: () => toast(`${name} ${on ? 'on' : 'off'}`),
      onError: (e) => toast(`Could not change ${name.toLowerCase()}: ${e.message}`, { tone: 'danger' }),
    });
  };
  return (
    <Card>
      <CardHeader
        title="Features"
        headingId="settings-features"
        description="Turn on what this project uses. Turning one off hides it; nothing is deleted."
      />
      <ul className="divide-y divide-line">
        {features.map(({ key, name, description }) => {
          const on = project[key];
          const pending = update.isPending && key in (update.variables ?? {});
          return (
            <li key={key} className="flex items-center justify-between gap-4 px-5 py-3.5">
              <div>
                <p id={`feature-${key}`} className="font-medium">
                  {name}
                </p>
                <p id={`feature-${key}-note`} className="text-[13px] text-muted">
                  {description}
                </p>
              </div>
              <button
                type="button"
                role="switch"
                aria-checked={on}
                aria-labelledby={`feature-${key}`}
                aria-describedby={`feature-${key}-note`}
                disabled={!canManage || pending}
                onClick={() => flip(key, name)}
                className={cn(
                  'relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full border-2 border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-text disabled:cursor-not-allowed disabled:opacity-60',
                  on ? 'bg-accent' : 'bg-line-strong',
                )}
              >
                <span
                  aria-hidden="true"
                  className={cn(
                    'inline-block size-5 rounded-full bg-white shadow transition-transform',
                    on ? 'translate-x-5' : 'translate-x-0',
                  )}
                />
              </button>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
