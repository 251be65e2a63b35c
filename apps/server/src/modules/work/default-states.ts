import type { StateGroup } from './states.schema.ts';

/** The states every new project starts with (contract §2.3); Triage stays hidden and serves intake. */
export const defaultStates: Array<{
  name: string;
  color: string;
  sequence: number;
  group: StateGroup;
  isDefault: boolean;
}> = [
  { name: 'Backlog', color: '#60646C', sequence: 15000, group: 'backlog', isDefault: true },
  { name: 'Todo', color: '#60646C', sequence: 25000, group: 'unstarted', isDefault: false },
  { name: 'In Progress', color: '#F59E0B', sequence: 35000, group: 'started', isDefault: false },
  { name: 'Done', color: '#46A758', sequence: 45000, group: 'completed', isDefault: false },
  { name: 'Cancelled', color: '#9AA4BC', sequence: 55000, group: 'cancelled', isDefault: false },
  { name: 'Triage', color: '#4E5355', sequence: 65000, group: 'triage', isDefault: false },
];

const iconNames = ['home', 'rocket', 'star', 'bolt', 'flag', 'diamond', 'globe', 'target'];
const iconColors = ['#6d7b8a', '#5b7cfa', '#e35b5b', '#f59e0b', '#46a758', '#9b59b6'];

/** Plane gives a project without a logo a random icon. */
export function randomLogo(): { in_use: 'icon'; icon: { name: string; color: string } } {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  return { in_use: 'icon', icon: { name: pick(iconNames), color: pick(iconColors) } };
}
