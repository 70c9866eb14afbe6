import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const TasksPage = lazy(() => import('./tasks-page').then((m) => ({ default: m.TasksPage })));

/** Pages inside the staff app shell: my call-backs and messages, open to everyone signed in. */
export const tasksShellRoutes: RouteObject[] = [{ path: 'tasks', element: <TasksPage /> }];
