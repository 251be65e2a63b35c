/** Query keys of a person's inbox in one workspace; one prefix, so one invalidation refreshes list and count. */
export const notificationKeys = {
  all: (slug: string) => ['notifications', slug] as const,
  list: (slug: string, archived: boolean) => ['notifications', slug, 'list', { archived }] as const,
  unread: (slug: string) => ['notifications', slug, 'unread'] as const,
};

export const inboxPath = (slug: string) => `/workspaces/${encodeURIComponent(slug)}/users/me/notifications/`;
