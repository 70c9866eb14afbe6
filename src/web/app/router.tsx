import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../auth/login-page';
import { AppShell } from './app-shell';
import { WEB_MODULES } from './modules';
import { NotFound, RequireAuth } from './require-auth';
import { PageTitle } from './page-title';

// The router only assembles what the modules declare (app/modules.ts); pages load on demand so the
// login page stays light.
export function createRouter() {
  return createBrowserRouter([
    {
      element: <PageTitle />,
      children: [
        { path: '/login', element: <LoginPage /> },
        ...WEB_MODULES.flatMap((m) => m.standaloneRoutes ?? []),
        {
          path: '/',
          element: (
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          ),
          children: [
            ...WEB_MODULES.flatMap((m) => m.shellRoutes ?? []),
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
