import { UserMinus, UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert.tsx';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardHeader } from '@/components/ui/card.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useToast } from '@/components/ui/toast.tsx';
import { formLevelError, serverFieldError } from '@/lib/forms.ts';
import { personName } from '@/lib/plane-plans.ts';
import { projectRoles, type Project, type ProjectMembershipWithPerson } from '@/lib/plane-types.ts';
import {
  useAddProjectMember,
  useChangeProjectRole,
  useProjectMemberships,
  useRemoveProjectMember,
  useWorkspacePeople,
} from '../api/project-members.ts';

export const projectRoleLabels: Record<number, string> = {
  [projectRoles.admin]: 'Admin — settings, members and all work',
  [projectRoles.member]: 'Member — create and change work, be assigned',
  [projectRoles.guest]: 'Guest — read and comment',
};

const roleChoices = [projectRoles.admin, projectRoles.member, projectRoles.guest];

/** The project's people with their roles; project admins add workspace members, change roles and remove people. */
export function ProjectMembers({
  slug,
  project,
  canManage,
}: {
  slug: string;
  project: Project;
  canManage: boolean;
}) {
  const memberships = useProjectMemberships(slug, project.id);
  return (
    <Card>
      <CardHeader
        title="Members"
        headingId="settings-members"
        description="People of the workspace who work in this project. Members can be assigned work items."
      />
      <div className="space-y-4 p-5">
        {canManage && (
          <AddMemberForm
            slug={slug}
            project={project}
            inProject={memberships.data?.map((m) => m.member.id)}
          />
        )}
        {memberships.isPending ? (
          <LoadingState label="Loading members…" />
        ) : memberships.isError ? (
          <ErrorState error={memberships.error} onRetry={() => memberships.refetch()} />
        ) : (
          <ul aria-label="Project members" className="divide-y divide-line rounded-lg border border-line">
            {memberships.data.map((membership) => (
              <MemberRow
                key={membership.id}
                slug={slug}
                project={project}
                membership={membership}
                canManage={canManage}
              />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function MemberRow({
  slug,
  project,
  membership,
  canManage,
}: {
  slug: string;
  project: Project;
  membership: ProjectMembershipWithPerson;
  canManage: boolean;
}) {
  const changeRole = useChangeProjectRole(slug, project.id);
  const remove = useRemoveProjectMember(slug, project.id);
  const toast = useToast();
  const name = personName(membership.member);
  const failed = (error: Error) => toast(`Could not change ${name}: ${error.message}`, { tone: 'danger' });
  return (
    <li className="flex items-center gap-3 px-3 py-2">
      <Avatar name={name} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">{name}</p>
        <p className="truncate text-xs text-muted">{membership.member.email}</p>
      </div>
      {canManage ? (
        <>
          <select
            aria-label={`Project role of ${name}`}
            value={membership.role}
            disabled={changeRole.isPending}
            onChange={(event) =>
              changeRole.mutate(
                { id: membership.id, role: Number(event.target.value) },
                {
                  onSuccess: () => toast(`${name} is now ${roleName(Number(event.target.value))}`),
                  onError: failed,
                },
              )
            }
            className="rounded-md border border-line bg-surface px-2 py-1 text-[13px]"
          >
            {roleChoices.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
          <Button
            variant="ghost"
            aria-label={`Remove ${name} from the project`}
            pending={remove.isPending}
            onClick={() =>
              remove.mutate(membership.id, {
                onSuccess: () => toast(`Removed ${name} from ${project.name}`),
                onError: failed,
              })
            }
          >
            <UserMinus className="size-4" aria-hidden="true" />
          </Button>
        </>
      ) : (
        <span className="text-xs text-muted">{roleName(membership.role)}</span>
      )}
    </li>
  );
}

/** "Admin", "Member" or "Guest": the first word of the role's description. */
const roleName = (role: number) => projectRoleLabels[role]?.split(' ')[0] ?? String(role);

function AddMemberForm({
  slug,
  project,
  inProject,
}: {
  slug: string;
  project: Project;
  inProject: string[] | undefined;
}) {
  const workspacePeople = useWorkspacePeople(slug);
  const add = useAddProjectMember(slug, project.id);
  const toast = useToast();
  const [error, setError] = useState<string>();
  const candidates = (workspacePeople.data ?? []).filter((p) => !(inProject ?? []).includes(p.id));
  const [formKey, setFormKey] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const member = String(form.get('member') ?? '');
    const role = Number(form.get('role'));
    if (!member) {
      setError('Choose who to add.');
      return;
    }
    setError(undefined);
    const person = candidates.find((p) => p.id === member);
    add.mutate(
      { member, role },
      {
        onSuccess: () => {
          toast(`Added ${person ? personName(person) : 'them'} to ${project.name}`);
          setFormKey((k) => k + 1);
        },
      },
    );
  };

  if (workspacePeople.isError)
    return <Alert>Workspace members could not be loaded: {workspacePeople.error.message}</Alert>;
  if (workspacePeople.isSuccess && inProject && candidates.length === 0)
    return (
      <p className="text-[13px] text-muted">
        Everyone in the workspace is in this project. Invite more people from the workspace’s Members page.
      </p>
    );
  const formError = formLevelError(add.error, ['member', 'role']);
  return (
    <form
      key={formKey}
      onSubmit={submit}
      noValidate
      aria-label="Add a project member"
      className="space-y-3 rounded-lg border border-dashed border-line p-3"
    >
      {formError && <Alert>{formError}</Alert>}
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <SelectField
          label="Workspace member"
          name="member"
          defaultValue=""
          error={error ?? serverFieldError(add.error, 'member')}
        >
          <option value="" disabled>
            {workspacePeople.isPending ? 'Loading…' : 'Choose a person'}
          </option>
          {candidates.map((p) => (
            <option key={p.id} value={p.id}>
              {personName(p)} ({p.email})
            </option>
          ))}
        </SelectField>
        <SelectField label="Project role" name="role" defaultValue={String(projectRoles.member)}>
          {roleChoices.map((r) => (
            <option key={r} value={r}>
              {projectRoleLabels[r]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" pending={add.isPending}>
          <UserPlus className="size-4" aria-hidden="true" />
          Add to project
        </Button>
      </div>
    </form>
  );
}
