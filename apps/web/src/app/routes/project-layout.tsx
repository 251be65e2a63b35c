import { Boxes, Clock, Kanban, List, Lock, Plus, RefreshCcw, Settings, SquarePen } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate, useParams } from 'react-router';
import { Button, buttonClasses } from '@/components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states.tsx';
import { useProject } from '@/features/projects/api/get-project.ts';
import { CreateWorkItemDialog } from '@/features/work-items/components/create-work-item-dialog.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { cn } from '@/lib/cn.ts';
import { useCommands, type AppCommand } from '@/lib/commands.ts';
import { projectRoles } from '@/lib/plane-types.ts';
import type { ProjectContext } from './project-context.ts';
import { useWorkspaceContext } from './workspace-context.ts';

const tabClasses = ({ isActive }: { isActive: boolean }) =>
  cn(
    'inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-[13px] font-medium',
    isActive ? 'border-accent text-ink' : 'border-transparent text-muted hover:text-ink',
  );

/** Loads the project of the URL; its header (tabs, "New work item") frames the board, list and item pages. */
export function Component() {
  const workspaceContext = useWorkspaceContext();
  const { workspace } = workspaceContext;
  const { projectId = '' } = useParams();
  const project = useProject(workspace.slug, projectId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const basePath = `/${workspace.slug}/projects/${projectId}`;
  const projectsPath = `/${workspace.slug}/projects`;
  const searchInputId = 'work-item-filter';
  const role = project.data?.member_role ?? null;
  const canEdit = role !== null && role >= projectRoles.member;

  const commands = useMemo<AppCommand[]>(() => {
    const name = project.data?.name ?? 'project';
    const list: AppCommand[] = [
      {
        id: 'project-board',
        label: `Open the board of ${name}`,
        group: 'Project',
        keys: 'g b',
        keywords: 'kanban columns',
        icon: Kanban,
        run: () => navigate(`${basePath}/board`),
      },
      {
        id: 'project-list',
        label: `Open the list of ${name}`,
        group: 'Project',
        keys: 'g l',
        keywords: 'spreadsheet table filter',
        icon: List,
        run: () => navigate(`${basePath}/list`),
      },
      {
        id: 'project-cycles',
        label: `Open the cycles of ${name}`,
        group: 'Project',
        keys: 'g c',
        keywords: 'sprints burndown',
        icon: RefreshCcw,
        run: () => navigate(`${basePath}/cycles`),
      },
      {
        id: 'project-modules',
        label: `Open the modules of ${name}`,
        group: 'Project',
        keys: 'g m',
        keywords: 'workstreams',
        icon: Boxes,
        run: () => navigate(`${basePath}/modules`),
      },
      {
        id: 'project-time',
        label: `Open the logged time of ${name}`,
        group: 'Project',
        keys: 'g t',
        keywords: 'hours worklogs timesheet',
        icon: Clock,
        run: () => navigate(`${basePath}/time`),
      },
      {
        id: 'project-settings',
        label: `Open the settings of ${name}`,
        group: 'Project',
        keywords: 'rename members features cycles modules time tracking',
        icon: Settings,
        run: () => navigate(`${basePath}/settings`),
      },
      {
        id: 'focus-filter',
        label: 'Filter work items',
        group: 'Project',
        keys: '/',
        keywords: 'search find',
        inPalette: false,
        run: () => {
          const input = document.getElementById(searchInputId);
          if (input) input.focus();
          else navigate(`${basePath}/list`);
        },
      },
    ];
    if (canEdit)
      list.unshift({
        id: 'create-work-item',
        label: 'Create work item',
        group: 'Project',
        keys: 'c',
        keywords: 'new add issue task card',
        icon: SquarePen,
        run: () => setCreating(true),
      });
    return list;
  }, [project.data?.name, canEdit, basePath, navigate]);
  useCommands(project.data ? commands : []);

  if (project.isPending) return <LoadingState label="Opening project…" />;
  if (project.isError) {
    const missing = isApiError(project.error, 'NOT_FOUND') || isApiError(project.error, 'FORBIDDEN');
    if (missing)
      return (
        <EmptyState
          icon={Lock}
          title="This project is not available to you"
          action={
            <Link to={projectsPath} className={buttonClasses()}>
              See all projects
            </Link>
          }
        >
          It may have been deleted or archived, or you are not a member. Ask a project admin to add you.
        </EmptyState>
      );
    return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  }

  const context: ProjectContext = {
    ...workspaceContext,
    project: project.data,
    canEdit,
    canComment: role !== null,
    basePath,
    itemPath: (id) => `${basePath}/items/${id}`,
    searchInputId,
  };
  return (
    <>
      <div className="mb-5 border-b border-line">
        <nav aria-label="Breadcrumb" className="mb-1 text-[13px] text-muted">
          <Link to={projectsPath} className="hover:text-ink hover:underline">
            Projects
          </Link>
          <span aria-hidden="true"> / </span>
          <span>{project.data.identifier}</span>
        </nav>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <p className="text-xl font-semibold tracking-tight">{project.data.name}</p>
          {canEdit && (
            <Button variant="primary" size="sm" onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden="true" />
              New work item
              <kbd className="ml-1 rounded border border-white/40 px-1 text-[11px]">C</kbd>
            </Button>
          )}
        </div>
        <nav aria-label="Project views" className="flex gap-4">
          <NavLink to={`${basePath}/board`} className={tabClasses}>
            <Kanban className="size-4" aria-hidden="true" />
            Board
          </NavLink>
          <NavLink to={`${basePath}/list`} className={tabClasses}>
            <List className="size-4" aria-hidden="true" />
            List
          </NavLink>
          <NavLink to={`${basePath}/cycles`} className={tabClasses}>
            <RefreshCcw className="size-4" aria-hidden="true" />
            Cycles
          </NavLink>
          <NavLink to={`${basePath}/modules`} className={tabClasses}>
            <Boxes className="size-4" aria-hidden="true" />
            Modules
          </NavLink>
          <NavLink to={`${basePath}/time`} className={tabClasses}>
            <Clock className="size-4" aria-hidden="true" />
            Time
          </NavLink>
          <NavLink to={`${basePath}/settings`} className={tabClasses}>
            <Settings className="size-4" aria-hidden="true" />
            Settings
          </NavLink>
        </nav>
      </div>
      <Outlet context={context} />
      {canEdit && (
        <CreateWorkItemDialog
          slug={workspace.slug}
          project={project.data}
          open={creating}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
