import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath, workspaceApiPath } from '@/lib/plane-client.ts';
import { personName, planKeys } from '@/lib/plane-plans.ts';
import type {
  ProjectMembership,
  ProjectMembershipWithPerson,
  WorkspaceMemberLite,
} from '@/lib/plane-types.ts';

/** Who is in the project now, with their roles (Plane's members list has neither the roles nor the ids). */
export const useProjectMemberships = (slug: string, projectId: string) =>
  useQuery({
    queryKey: [...planKeys.members(slug, projectId), 'memberships'],
    queryFn: async ({ signal }) =>
      (
        await planeApi<ProjectMembershipWithPerson[]>(`${projectApiPath(slug, projectId)}/memberships/`, {
          signal,
        })
      ).sort((a, b) => personName(a.member).localeCompare(personName(b.member))),
  });

/** Everyone in the workspace (the people a project admin can add), with their workspace role. */
export const workspacePeopleQuery = (slug: string) =>
  queryOptions({
    queryKey: ['plane', slug, 'workspace-members'],
    queryFn: ({ signal }) =>
      planeApi<WorkspaceMemberLite[]>(`${workspaceApiPath(slug)}/members/`, { signal }),
  });

export const useWorkspacePeople = (slug: string) => useQuery(workspacePeopleQuery(slug));

/**
 * Adds a workspace member to the project with a role (20 admin, 15 member, 5 guest). The board's assignee
 * picker and every name list read the project's people, so they are re-read, as is the project (its count).
 */
export function useAddProjectMember(slug: string, projectId: string) {
  return useMembershipChange(slug, projectId, (input: { member: string; role: number }) =>
    planeApi<ProjectMembership>(`${projectApiPath(slug, projectId)}/members/`, {
      method: 'POST',
      body: input,
    }),
  );
}

export function useChangeProjectRole(slug: string, projectId: string) {
  return useMembershipChange(slug, projectId, (input: { id: string; role: number }) =>
    planeApi<ProjectMembership>(`${projectApiPath(slug, projectId)}/members/${input.id}/`, {
      method: 'PATCH',
      body: { role: input.role },
    }),
  );
}

export function useRemoveProjectMember(slug: string, projectId: string) {
  return useMembershipChange(slug, projectId, (id: string) =>
    planeApi<void>(`${projectApiPath(slug, projectId)}/members/${id}/`, { method: 'DELETE' }),
  );
}

function useMembershipChange<I, O>(slug: string, projectId: string, change: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.members(slug, projectId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.project(slug, projectId) }),
      ]),
  });
}
