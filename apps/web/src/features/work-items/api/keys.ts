/** Query keys of a project's work data; lists share a prefix so one invalidation refreshes board and list. */
export const workKeys = {
  project: (slug: string, projectId: string) => ['plane', slug, 'project', projectId] as const,
  states: (slug: string, projectId: string) => ['plane', slug, projectId, 'states'] as const,
  labels: (slug: string, projectId: string) => ['plane', slug, projectId, 'labels'] as const,
  items: (slug: string, projectId: string) => ['plane', slug, projectId, 'items'] as const,
  item: (slug: string, projectId: string, id: string) => ['plane', slug, projectId, 'item', id] as const,
};
