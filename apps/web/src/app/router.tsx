import { createBrowserRouter } from 'react-router';
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
              { path: 'activity', lazy: () => import('./routes/activity.tsx') },
              { path: '*', lazy: () => import('./routes/not-found.tsx') },
            ],
          },
        ],
      },
      { path: '*', lazy: () => import('./routes/not-found.tsx') },
    ],
  },
]);
