import { AppError } from '../../platform/errors/app-error.ts';
import type { ActivitiesRepository, ActivityRow } from './activities.repository.ts';
import type { Ordering } from './plane/ordering.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

export { activitySortKeys } from './activities.repository.ts';

/** A work item's history, read-only. */
export class ActivitiesService {
  private readonly activities: ActivitiesRepository;

  constructor(activities: ActivitiesRepository) {
    this.activities = activities;
  }

  async list(item: WorkItemRecord, order: Ordering, window: Window) {
    const [rows, total] = await Promise.all([
      this.activities.list(item.id, order, window),
      this.activities.count(item.id),
    ]);
    return { rows, total };
  }

  async get(item: WorkItemRecord, id: string): Promise<ActivityRow> {
    const row = await this.activities.find(item.id, id);
    if (!row) throw new AppError(WorkErrors.ACTIVITY_NOT_FOUND);
    return row;
  }
}
