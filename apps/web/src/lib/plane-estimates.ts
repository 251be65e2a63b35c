import { queryOptions } from '@tanstack/react-query';
import { planeApi, projectApiPath } from './plane-client.ts';
import type { Estimate, EstimatePoint } from './plane-types.ts';
import { ApiError } from './api-client.ts';

/** The project's estimate with its points, shared by the settings screen and the work-item page. */
export interface ProjectEstimate {
  estimate: Estimate;
  points: EstimatePoint[];
}

export const estimateKey = (slug: string, projectId: string) =>
  ['plane', slug, projectId, 'estimate'] as const;

/** The estimate and its points, or null when the project has none (Plane answers 404). */
export const projectEstimateQuery = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: estimateKey(slug, projectId),
    queryFn: async ({ signal }): Promise<ProjectEstimate | null> => {
      const base = `${projectApiPath(slug, projectId)}/estimates/`;
      let estimate: Estimate;
      try {
        estimate = await planeApi<Estimate>(base, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
      const points = await planeApi<EstimatePoint[]>(`${base}${estimate.id}/estimate-points/`, { signal });
      return { estimate, points };
    },
  });

/** How a point reads in a picker: "3 points", "30 min", or a category's own name. */
export function pointLabel(estimate: Estimate, point: EstimatePoint): string {
  if (estimate.type === 'points') return `${point.value} ${point.value === '1' ? 'point' : 'points'}`;
  if (estimate.type === 'time') return `${point.value} min`;
  return point.value;
}
