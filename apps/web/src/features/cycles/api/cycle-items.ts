import { useQuery } from '@tanstack/react-query';
import { projectItemsQuery, projectStatesQuery } from '@/lib/plane-plans.ts';

/** `{cycle: id}` gives a cycle's items (the list route's filter); `{}` every item of the project. */
export const useProjectItems = (slug: string, projectId: string, filters: Record<string, string>) =>
  useQuery(projectItemsQuery(slug, projectId, filters));

export const useProjectStates = (slug: string, projectId: string) =>
  useQuery(projectStatesQuery(slug, projectId));
