import { useQuery } from '@tanstack/react-query';
import { personName, projectPeopleQuery } from '@/lib/plane-plans.ts';

export { personName };

/** People of the project: who can be assigned, and whose names the history and comments show. */
export const useProjectMembers = (slug: string, projectId: string) =>
  useQuery(projectPeopleQuery(slug, projectId));
