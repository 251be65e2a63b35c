import { createHash } from 'node:crypto';
import { trainRiskModel, type DeploymentHistory, type TrainedRiskModel } from './risk-model.ts';

/** Workspaces whose trained model is kept; the least recently scored one is dropped past this. */
const WORKSPACES_KEPT = 200;

/**
 * The trained risk model of each workspace, kept while its stored history stays the same. The key is a digest
 * of everything the model learns from (time zone, and each deployment's id, outcome, time and size), so a
 * deployment that finishes, or one that leaves the window, trains a new model on the next score; an unchanged
 * history costs one pass over its rows instead of a training.
 */
export class RiskModelCache {
  private readonly models = new Map<string, { key: string; model: TrainedRiskModel | undefined }>();
  private readonly train: (history: DeploymentHistory) => TrainedRiskModel | undefined;

  constructor(train: (history: DeploymentHistory) => TrainedRiskModel | undefined = trainRiskModel) {
    this.train = train;
  }

  trained(workspaceId: string, history: DeploymentHistory): TrainedRiskModel | undefined {
    const key = historyKey(history);
    const kept = this.models.get(workspaceId);
    this.models.delete(workspaceId);
    const entry = kept?.key === key ? kept : { key, model: this.train(history) };
    this.models.set(workspaceId, entry);
    if (this.models.size > WORKSPACES_KEPT) this.models.delete(this.models.keys().next().value!);
    return entry.model;
  }
}

function historyKey(history: DeploymentHistory): string {
  const hash = createHash('sha256').update(history.timeZone);
  for (const d of history.deployments) {
    hash.update(
      `\n${d.id ?? ''}|${d.failed ? 1 : 0}|${d.at.getTime()}|${d.environment ?? ''}|${d.author ?? ''}|${d.filesChanged ?? ''}|${d.lines ?? ''}`,
    );
  }
  return `${history.deployments.length}:${hash.digest('hex')}`;
}
