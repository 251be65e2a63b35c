import { createBrowserRouter, Navigate } from 'react-router';
import { RouteError } from './routes/route-error.tsx';
import { RouteLoading } from './routes/route-loading.tsx';

/**
 * Every screen is its own chunk (`lazy`), so the sign-in page loads only what it shows. Paths follow the
 * server's reserved workspace slugs (login, signup, invitations, new, me): anything else is a workspace.
 */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <RouteLoading />,
    children: [
      { index: true, lazy: () => import('./routes/start.tsx') },
      { path: 'login', lazy: () => import('./routes/login.tsx') },
      { path: 'signup', lazy: () => import('./routes/signup.tsx') },
      { path: 'invitations/:token', lazy: () => import('./routes/invitation.tsx') },
      {
        lazy: () => import('./shell/app-shell.tsx'),
        children: [
          { path: 'new', lazy: () => import('./routes/new-workspace.tsx') },
          { path: 'me', lazy: () => import('./routes/profile.tsx') },
          {
            path: ':slug',
            lazy: () => import('./routes/workspace-layout.tsx'),
            children: [
              { index: true, lazy: () => import('./routes/workspace-home.tsx') },
              { path: 'members', lazy: () => import('./routes/members.tsx') },
              { path: 'settings', lazy: () => import('./routes/workspace-settings.tsx') },
              { path: 'activity', lazy: () => import('./routes/activity.tsx') },
              { path: 'notifications', lazy: () => import('./routes/notifications.tsx') },
              { path: 'projects', lazy: () => import('./routes/projects.tsx') },
              {
                path: 'projects/:projectId',
                lazy: () => import('./routes/project-layout.tsx'),
                children: [
                  { index: true, element: <Navigate to="board" replace /> },
                  { path: 'board', lazy: () => import('./routes/project-board.tsx') },
                  { path: 'list', lazy: () => import('./routes/project-list.tsx') },
                  { path: 'items/:itemId', lazy: () => import('./routes/work-item.tsx') },
                  { path: 'cycles', lazy: () => import('./routes/project-cycles.tsx') },
                  { path: 'cycles/:cycleId', lazy: () => import('./routes/project-cycle.tsx') },
                  { path: 'modules', lazy: () => import('./routes/project-modules.tsx') },
                  { path: 'modules/:moduleId', lazy: () => import('./routes/project-module.tsx') },
                  { path: 'time', lazy: () => import('./routes/project-time.tsx') },
                  { path: 'settings', lazy: () => import('./routes/project-settings.tsx') },
                ],
              },
              {
                path: 'agents',
                lazy: () => import('./routes/agents.tsx'),
                children: [
                  { index: true, lazy: () => import('./routes/agents-index.tsx') },
                  { path: 'tasks', lazy: () => import('./routes/agents-tasks.tsx') },
                  { path: 'workflows', lazy: () => import('./routes/agents-workflows.tsx') },
                ],
              },
              { path: 'agents/tasks/:taskId', lazy: () => import('./routes/agent-task.tsx') },
              { path: '*', lazy: () => import('./routes/not-found.tsx') },
            ],
          },
        ],
      },
      { path: '*', lazy: () => import('./routes/not-found.tsx') },
    ],
  },
]);
