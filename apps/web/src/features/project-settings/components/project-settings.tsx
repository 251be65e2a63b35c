import { projectRoles, type Project } from '@/lib/plane-types.ts';
import { EstimateSettings } from './estimate-settings.tsx';
import { FeatureSwitches } from './feature-switches.tsx';
import { GeneralForm } from './general-form.tsx';
import { ProjectMembers } from './project-members.tsx';

/**
 * Name, features, estimate and people of a project. Project admins change them all; the estimate follows the
 * server's project-member rule (contract §1.3, ProjectEntity), so project members change it too.
 */
export function ProjectSettings({
  slug,
  project,
  canManage,
}: {
  slug: string;
  project: Project;
  canManage: boolean;
}) {
  const canEstimate = canManage || (project.member_role ?? 0) >= projectRoles.member;
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-base font-semibold">Settings</h1>
        {!canManage && (
          <p className="text-muted">
            Only a project admin can change these settings. You can read them
            {canEstimate ? ', and change the estimate as a member of the project.' : '.'}
          </p>
        )}
      </div>
      <GeneralForm slug={slug} project={project} canManage={canManage} />
      <FeatureSwitches slug={slug} project={project} canManage={canManage} />
      <EstimateSettings slug={slug} project={project} canEdit={canEstimate} canLink={canManage} />
      <ProjectMembers slug={slug} project={project} canManage={canManage} />
    </div>
  );
}
