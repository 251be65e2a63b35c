import { useOutletContext } from 'react-router';
import type { Project } from '@/lib/plane-types.ts';
import type { WorkspaceContext } from './workspace-context.ts';

export interface ProjectContext extends WorkspaceContext {
  project: Project;
  /** Project admins and members change work; guests read (and comment). */
  canEdit: boolean;
  canComment: boolean;
  basePath: string;
  itemPath: (id: string) => string;
  /** Id of the list's filter box, which `/` focuses. */
  searchInputId: string;
}

/** The project of the URL and what the viewer may do in it, loaded once by project-layout.tsx. */
export const useProjectContext = () => useOutletContext<ProjectContext>();
