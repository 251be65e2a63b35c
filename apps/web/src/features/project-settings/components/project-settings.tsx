import type { Project } from '@/lib/plane-types.ts';
import { EstimateSettings } from './estimate-settings.tsx';
import { FeatureSwitches } from './feature-switches.tsx';
import { GeneralForm } from './general-form.tsx';
import { ProjectMembers } from './project-members.tsx';

/** Name, features, estimate and people of a project; only project admins change them. */
export function ProjectSettings({
  slug,
  project,
  canManage,
}: {
  slug: string;
  project: Project;
  canManage: boolean;
}) {
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-base font-semibold">Settings</h1>
        {!canManage && (
          <p className="text-muted">Only a project admin can change these settings. You can read them.</p>
        )}
      </div>
      <GeneralForm slug={slug} project={project} canManage={canManage} />
      <FeatureSwitches slug={slug} project={project} canManage={canManage} />
      <EstimateSettings slug={slug} project={project} canManage={canManage} />
      <ProjectMembers slug={slug} project={project} canManage={canManage} />
    </div>
  );
}
