import { useMutation, useQueryClient } from '@tanstack/react-query';
import { planeApi, projectApiPath } from '@/lib/plane-client.ts';
import { planKeys } from '@/lib/plane-plans.ts';
import type { Estimate, EstimatePoint, EstimateType, Project } from '@/lib/plane-types.ts';

export const estimateNames: Record<EstimateType, string> = {
  points: 'Points',
  time: 'Time (minutes)',
  categories: 'Categories',
};

/** A new estimate: its type and the values of its scale, in order. */
export interface NewEstimate {
  type: EstimateType;
  values: string[];
}

/**
 * Creates the project's estimate with its points, which work items can take at once, and, for those who may
 * change the project (`link`), links it to the project as well (Plane keeps the two apart).
 */
export function useCreateEstimate(slug: string, projectId: string, link: boolean) {
  const base = `${projectApiPath(slug, projectId)}/estimates/`;
  return useEstimateChange(slug, projectId, async ({ type, values }: NewEstimate) => {
    const estimate = await planeApi<Estimate>(base, {
      method: 'POST',
      body: { name: estimateNames[type], type },
    });
    await planeApi<EstimatePoint[]>(`${base}${estimate.id}/estimate-points/`, {
      method: 'POST',
      body: values.map((value, i) => ({ value, key: i + 1 })),
    });
    if (!link) return;
    await planeApi<Project>(`${projectApiPath(slug, projectId)}/`, {
      method: 'PATCH',
      body: { estimate: estimate.id },
    });
  });
}

export function useAddEstimatePoint(slug: string, projectId: string, estimateId: string) {
  return useEstimateChange(slug, projectId, (input: { value: string; key: number }) =>
    planeApi<EstimatePoint[]>(`${pointsPath(slug, projectId, estimateId)}`, {
      method: 'POST',
      body: [input],
    }),
  );
}

export function useUpdateEstimatePoint(slug: string, projectId: string, estimateId: string) {
  return useEstimateChange(slug, projectId, (input: { id: string; value: string }) =>
    planeApi<EstimatePoint>(`${pointsPath(slug, projectId, estimateId)}${input.id}/`, {
      method: 'PATCH',
      body: { value: input.value },
    }),
  );
}

export function useDeleteEstimatePoint(slug: string, projectId: string, estimateId: string) {
  return useEstimateChange(slug, projectId, (id: string) =>
    planeApi<void>(`${pointsPath(slug, projectId, estimateId)}${id}/`, { method: 'DELETE' }),
  );
}

export function useDeleteEstimate(slug: string, projectId: string) {
  return useEstimateChange(slug, projectId, () =>
    planeApi<void>(`${projectApiPath(slug, projectId)}/estimates/`, { method: 'DELETE' }),
  );
}

const pointsPath = (slug: string, projectId: string, estimateId: string) =>
  `${projectApiPath(slug, projectId)}/estimates/${estimateId}/estimate-points/`;

/** Every change re-reads the project's data (its estimate, and work items that may have lost a point). */
function useEstimateChange<I, O>(slug: string, projectId: string, change: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: planKeys.projectData(slug, projectId) }),
        queryClient.invalidateQueries({ queryKey: planKeys.project(slug, projectId) }),
      ]),
  });
}
