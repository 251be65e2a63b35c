import { FolderKanban, Plus, Users } from 'lucide-react';
import { Link } from 'react-router';
import { countOf } from '@/lib/format.ts';
import { Button } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useProjects } from '../api/get-projects.ts';

interface ProjectsListProps {
  slug: string;
  canCreate: boolean;
  onCreate: () => void;
  projectPath: (projectId: string) => string;
}

export function ProjectsList({ slug, canCreate, onCreate, projectPath }: ProjectsListProps) {
  const projects = useProjects(slug);
  if (projects.isPending) return <LoadingState label="Loading projects…" />;
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => projects.refetch()} />;
  if (projects.data.length === 0)
    return (
      <EmptyState
        icon={FolderKanban}
        title="No projects yet"
        action={
          canCreate && (
            <Button variant="primary" onClick={onCreate}>
              <Plus className="size-4" aria-hidden="true" />
              Create your first project
            </Button>
          )
        }
      >
        {canCreate
          ? 'Create a project for each client engagement or product: give it a name and a short identifier such as WEB, and its work items are numbered WEB-1, WEB-2…'
          : 'Projects appear here once someone adds you to one. Ask an admin of this workspace for access.'}
      </EmptyState>
    );
  return (
    <ul aria-label="Projects" className="grid gap-3 sm:grid-cols-2">
      {projects.data.map((project) => (
        <li key={project.id}>
          <Link
            to={projectPath(project.id)}
            className="flex h-full flex-col rounded-lg border border-line bg-surface p-4 shadow-xs transition-colors hover:border-line-strong"
          >
            <div className="flex items-center gap-2.5">
              <span
                aria-hidden="true"
                className="flex size-8 items-center justify-center rounded-md bg-accent-soft text-xs font-semibold text-accent-text"
              >
                {project.emoji ?? project.identifier.slice(0, 2)}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-ink">{project.name}</span>
                <span className="block text-xs text-muted">{project.identifier}</span>
              </span>
            </div>
            {project.description && <p className="mt-2 line-clamp-2 text-muted">{project.description}</p>}
            <p className="mt-auto flex items-center gap-1.5 pt-3 text-xs text-muted">
              <Users className="size-3.5" aria-hidden="true" />
              {countOf(project.total_members, 'member')}
              {!project.is_member && ' · you are not a member'}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
