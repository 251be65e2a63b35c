import { isNull } from 'drizzle-orm';
import { cycleWorkItems } from './cycles.schema.ts';
import type { Memberships } from './work-item-filters.ts';
import { workModuleItems } from './work-modules.schema.ts';

/** The tables behind the `cycle` and `module` list filters: live membership rows only. */
export const workItemMemberships: Memberships = {
  cycle: {
    table: cycleWorkItems,
    item: cycleWorkItems.workItemId,
    group: cycleWorkItems.cycleId,
    live: isNull(cycleWorkItems.deletedAt),
  },
  module: {
    table: workModuleItems,
    item: workModuleItems.workItemId,
    group: workModuleItems.moduleId,
    live: isNull(workModuleItems.deletedAt),
  },
};
