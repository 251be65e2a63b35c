import { Bell, Bot, FolderKanban, History, House, Settings, Users, type LucideIcon } from 'lucide-react';
import type { Permission } from '@/lib/permissions.ts';

/**
 * The workspace navigation. Sections stay hidden until a screen of theirs exists, so there are no dead
 * links: Projects and Cycles join "Work", agents "AI workforce", clients and social "Agency", and analytics
 * "Insights" as those screens land.
 */
export type NavSection = 'workspace' | 'work' | 'ai' | 'agency' | 'insights';

export const navSections: Array<{ id: NavSection; label: string | null }> = [
  { id: 'workspace', label: null },
  { id: 'work', label: 'Work' },
  { id: 'ai', label: 'AI workforce' },
  { id: 'agency', label: 'Agency' },
  { id: 'insights', label: 'Insights' },
];

export interface NavItem {
  id: string;
  label: string;
  section: NavSection;
  icon: LucideIcon;
  /** Path below the workspace, '' for its home. */
  path: string;
  permission: Permission;
  keywords?: string;
}

export const navItems: NavItem[] = [
  {
    id: 'home',
    label: 'Home',
    section: 'workspace',
    icon: House,
    path: '',
    permission: 'workspace.view',
    keywords: 'overview dashboard',
  },
  {
    id: 'notifications',
    label: 'Notifications',
    section: 'workspace',
    icon: Bell,
    path: 'notifications',
    permission: 'workspace.view',
    keywords: 'inbox mentions assigned unread',
  },
  {
    id: 'members',
    label: 'Members',
    section: 'workspace',
    icon: Users,
    path: 'members',
    permission: 'workspace.view',
    keywords: 'people team invite roles',
  },
  {
    id: 'activity',
    label: 'Audit trail',
    section: 'workspace',
    icon: History,
    path: 'activity',
    permission: 'workspace.view',
    keywords: 'activity history log changes',
  },
  {
    id: 'settings',
    label: 'Settings',
    section: 'workspace',
    icon: Settings,
    path: 'settings',
    permission: 'workspace.settings',
    keywords: 'workspace rename name time zone delete',
  },
  {
    id: 'projects',
    label: 'Projects',
    section: 'work',
    icon: FolderKanban,
    path: 'projects',
    permission: 'workspace.view',
    keywords: 'board list work items issues',
  },
  {
    id: 'agents',
    label: 'Agents',
    section: 'ai',
    icon: Bot,
    path: 'agents',
    permission: 'workspace.view',
    keywords: 'ai workforce tasks approvals workflows',
  },
];

export const workspacePath = (slug: string, path: string) => `/${slug}${path ? `/${path}` : ''}`;
