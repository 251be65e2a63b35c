import { z } from 'zod';
import { auditOut, auditTimes, externalFields, requiredText } from './dto-common.ts';
import type { EstimatePointRow, EstimateRow } from './estimates.repository.ts';
import { estimateTypes } from './estimates.schema.ts';

export const createEstimateBody = z.object({
  name: requiredText(),
  description: z.string().optional(),
  type: z.enum(estimateTypes).optional(),
  last_used: z.boolean().optional(),
  ...externalFields,
});
/** Plane's PATCH takes only the name and the description; other fields are ignored, as there. */
export const updateEstimateBody = z.object({
  name: requiredText().optional(),
  description: z.string().optional(),
});

const pointFields = {
  key: z.number().int().min(0).max(2147483647).optional(),
  description: z.string().optional(),
  ...externalFields,
};
const pointIn = z.object({ value: requiredText(20), ...pointFields });
/** A bare array of points, or `{estimate_points: [...]}`; anything else reads as no points. */
export const createPointsBody = z.preprocess(
  (v) => (Array.isArray(v) ? v : ((v as { estimate_points?: unknown } | null)?.estimate_points ?? [])),
  z.array(pointIn),
);
export const updatePointBody = z.object({ value: requiredText(20).optional(), ...pointFields });

export const estimateOut = z.object({
  ...auditOut,
  name: z.string(),
  description: z.string(),
  type: z.enum(estimateTypes),
  last_used: z.boolean(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
});

export const estimatePointOut = z.object({
  ...auditOut,
  estimate: z.uuid(),
  key: z.number().int(),
  value: z.string(),
  description: z.string(),
  external_source: z.string().nullable(),
  external_id: z.string().nullable(),
  project: z.uuid(),
  workspace: z.uuid(),
});

export function toEstimateOut(e: EstimateRow, timeZone: string) {
  return {
    id: e.id,
    ...auditTimes(e, timeZone),
    created_by: e.createdBy,
    updated_by: e.updatedBy,
    name: e.name,
    description: e.description,
    type: e.type,
    last_used: e.lastUsed,
    external_source: e.externalSource,
    external_id: e.externalId,
    project: e.projectId,
    workspace: e.workspaceId,
  };
}

export function toEstimatePointOut(p: EstimatePointRow, timeZone: string) {
  return {
    id: p.id,
    ...auditTimes(p, timeZone),
    created_by: p.createdBy,
    updated_by: p.updatedBy,
    estimate: p.estimateId,
    key: p.key,
    value: p.value,
    description: p.description,
    external_source: p.externalSource,
    external_id: p.externalId,
    project: p.projectId,
    workspace: p.workspaceId,
  };
}
