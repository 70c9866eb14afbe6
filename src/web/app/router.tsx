import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Spin } from 'antd';
import { ACCOUNT_REQUEST_PERMS, PERM } from '../auth/permissions';
import { LoginPage } from '../auth/login-page';
import { DeskLanding } from '../modules/tickets/desk-landing';
import { workOrderShellRoutes, workOrderStandaloneRoutes } from '../modules/workorders/workorders.routes';
import { surveyShellRoutes, surveyStandaloneRoutes } from '../modules/surveys/surveys.routes';
import { careShellRoutes } from '../modules/care/care.routes';
import { messagesShellRoutes } from '../modules/messages/messages.routes';
import { CLOSE_OUT_PERMS } from '../modules/complaints/complaint-types';
import { AppShell } from './app-shell';
import { NotFound, RequireAuth, RequirePermission } from './require-auth';

// Pages load on demand so the login page stays light.
const HomePage = lazy(() => import('../modules/home/home-page').then((m) => ({ default: m.HomePage })));
const UnitsPage = lazy(() => import('../modules/org/units-page').then((m) => ({ default: m.UnitsPage })));
const UsersPage = lazy(() => import('../modules/users/users-page').then((m) => ({ default: m.UsersPage })));
const RolesPage = lazy(() => import('../modules/roles/roles-page').then((m) => ({ default: m.RolesPage })));
const AccountRequestsPage = lazy(() =>
  import('../modules/account-requests/account-requests-page').then((m) => ({
    default: m.AccountRequestsPage,
  })),
);
const CalendarPage = lazy(() =>
  import('../modules/calendar/calendar-page').then((m) => ({ default: m.CalendarPage })),
);
const SlaCalculatorPage = lazy(() =>
  import('../modules/sla/sla-pages').then((m) => ({ default: m.SlaCalculatorPage })),
);
const SlaPoliciesPage = lazy(() =>
  import('../modules/sla/sla-pages').then((m) => ({ default: m.SlaPoliciesPage })),
);
const CustomersPage = lazy(() =>
  import('../modules/customers/customers-page').then((m) => ({ default: m.CustomersPage })),
);
const ContactsPage = lazy(() =>
  import('../modules/contacts/contacts-page').then((m) => ({ default: m.ContactsPage })),
);
const CoordinationSheetPage = lazy(() =>
  import('../modules/contacts/coordination-sheet-page').then((m) => ({ default: m.CoordinationSheetPage })),
);
const DeskPage = lazy(() => import('../modules/tickets/desk-page').then((m) => ({ default: m.DeskPage })));
const TicketsPage = lazy(() =>
  import('../modules/tickets/tickets-page').then((m) => ({ default: m.TicketsPage })),
);
const TicketDetailPage = lazy(() =>
  import('../modules/tickets/ticket-detail-page').then((m) => ({ default: m.TicketDetailPage })),
);
const DepartmentInboxPage = lazy(() =>
  import('../modules/department/department-inbox-page').then((m) => ({ default: m.DepartmentInboxPage })),
);
const CloseOutWorklistPage = lazy(() =>
  import('../modules/complaints/close-out-worklist-page').then((m) => ({
    default: m.CloseOutWorklistPage,
  })),
);
const ComplaintSettingsPage = lazy(() =>
  import('../modules/complaints/complaint-settings-page').then((m) => ({
    default: m.ComplaintSettingsPage,
  })),
);
const TasksPage = lazy(() => import('../modules/tasks/tasks-page').then((m) => ({ default: m.TasksPage })));
const AuditPage = lazy(() => import('../modules/audit/audit-page').then((m) => ({ default: m.AuditPage })));

const guard = (anyOf: readonly string[], page: ReactNode) => (
  <RequirePermission anyOf={anyOf}>{page}</RequirePermission>
);

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    ...surveyStandaloneRoutes,
    ...workOrderStandaloneRoutes,
    // IN-8: the coordination sheet prints on its own, like the work-order forms.
    {
      path: '/contacts/letters/:id/sheet',
      element: (
        <RequireAuth>
          <Suspense fallback={<Spin />}>{guard([PERM.contactsRead], <CoordinationSheetPage />)}</Suspense>
        </RequireAuth>
      ),
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      children: [
        { index: true, element: <DeskLanding home={<HomePage />} /> },
        { path: 'org/units', element: guard([PERM.unitsRead], <UnitsPage />) },
        { path: 'org/users', element: guard([PERM.usersRead], <UsersPage />) },
        { path: 'org/roles', element: guard([PERM.rolesManage], <RolesPage />) },
        { path: 'org/account-requests', element: guard(ACCOUNT_REQUEST_PERMS, <AccountRequestsPage />) },
        { path: 'calendar', element: guard([PERM.calendarRead], <CalendarPage />) },
        { path: 'sla/calculator', element: guard([PERM.calendarRead], <SlaCalculatorPage />) },
        { path: 'sla/policies', element: guard([PERM.calendarRead, PERM.slaManage], <SlaPoliciesPage />) },
        { path: 'customers', element: guard([PERM.customersRead], <CustomersPage />) },
        { path: 'contacts', element: guard([PERM.contactsRead], <ContactsPage />) },
        { path: 'desk', element: guard([PERM.ticketsCreate], <DeskPage />) },
        { path: 'tickets', element: guard([PERM.ticketsRead], <TicketsPage />) },
        { path: 'tickets/:id', element: guard([PERM.ticketsRead], <TicketDetailPage />) },
        { path: 'tasks', element: <TasksPage /> },
        { path: 'department-inbox', element: guard([PERM.ticketsManage], <DepartmentInboxPage />) },
        {
          path: 'complaints/close-outs',
          element: guard([...CLOSE_OUT_PERMS, PERM.ticketsManage], <CloseOutWorklistPage />),
        },
        {
          path: 'complaints/settings',
          element: guard([PERM.ticketsRead], <ComplaintSettingsPage />),
        },
        { path: 'system/audit', element: guard([PERM.auditRead], <AuditPage />) },
        ...surveyShellRoutes,
        ...careShellRoutes,
        ...messagesShellRoutes,
        ...workOrderShellRoutes,
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
