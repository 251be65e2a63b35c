import { useOutletContext } from 'react-router';
import type { User, Workspace } from '@/lib/api-types.ts';
import type { Role } from '@/lib/permissions.ts';

export interface WorkspaceContext {
  workspace: Workspace;
  role: Role;
  user: User;
}

/** The workspace of the URL and the viewer's role in it, loaded once by workspace-layout.tsx. */
export const useWorkspaceContext = () => useOutletContext<WorkspaceContext>();
