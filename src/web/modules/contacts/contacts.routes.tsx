import { Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { RouteObject } from 'react-router';
import { PERM } from '../../auth/permissions';
import { RequireAuth, guard } from '../../app/require-auth';

const ContactsPage = lazy(() => import('./contacts-page').then((m) => ({ default: m.ContactsPage })));
const CoordinationSheetPage = lazy(() =>
  import('./coordination-sheet-page').then((m) => ({ default: m.CoordinationSheetPage })),
);

/** Pages inside the staff app shell. */
export const contactsShellRoutes: RouteObject[] = [
  { path: 'contacts', element: guard([PERM.contactsRead], <ContactsPage />) },
];

/** IN-8: the coordination sheet prints on its own, like the work-order forms. */
export const contactsStandaloneRoutes: RouteObject[] = [
  {
    path: '/contacts/letters/:id/sheet',
    element: (
      <RequireAuth>
        <Suspense fallback={<Spin />}>{guard([PERM.contactsRead], <CoordinationSheetPage />)}</Suspense>
      </RequireAuth>
    ),
  },
];
