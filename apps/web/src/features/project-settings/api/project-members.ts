import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath, workspaceApiPath } from '@/lib/plane-client.ts';
import { planKeys, projectPeopleQuery } from '@/lib/plane-plans.ts';
import type { ProjectMembership, WorkspaceMemberLite } from '@/lib/plane-types.ts';

export const useProjectPeople = (slug: string, projectId: string) =>
  useQuery(projectPeopleQuery(slug, projectId));

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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { member: string; role: number }) =>
      planeApi<ProjectMembership>(`${projectApiPath(slug, projectId)}/members/`, {
        method: 'POST',
        body: input,
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.members(slug, projectId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.project(slug, projectId) }),
      ]),
  });
}
