import type { ModuleBundle } from '../i18n/module-bundles';
import type { WebModule } from './web-module';
import { homeModule } from '../modules/home/home.module';
import { ticketsModule } from '../modules/tickets/tickets.module';
import { tasksModule } from '../modules/tasks/tasks.module';
import { departmentModule } from '../modules/department/department.module';
import { complaintsModule } from '../modules/complaints/complaints.module';
import { customersModule } from '../modules/customers/customers.module';
import { contactsModule } from '../modules/contacts/contacts.module';
import { telephonyModule } from '../modules/telephony/telephony.module';
import { channelsModule } from '../modules/channels/channels.module';
import { workOrdersModule } from '../modules/workorders/workorders.module';
import { qualityModule } from '../modules/quality/quality.module';
import { surveysModule } from '../modules/surveys/surveys.module';
import { careModule } from '../modules/care/care.module';
import { messagesModule } from '../modules/messages/messages.module';
import { orgModule } from '../modules/org/org.module';
import { usersModule } from '../modules/users/users.module';
import { rolesModule } from '../modules/roles/roles.module';
import { accountRequestsModule } from '../modules/account-requests/account-requests.module';
import { calendarModule } from '../modules/calendar/calendar.module';
import { slaModule } from '../modules/sla/sla.module';
import { auditModule } from '../modules/audit/audit.module';
import { reportsModule } from '../modules/reports/reports.module';
import { dashboardModule } from '../modules/dashboard/dashboard.module';
import { approvalsModule } from '../modules/approvals/approvals.module';
import { returnsModule } from '../modules/returns/returns.module';
import { notificationsModule } from '../modules/notifications/notifications.module';
import { partsModule } from '../modules/parts/parts.module';
import { knowledgeModule } from '../modules/knowledge/knowledge.module';
import { membersModule } from '../modules/members/members.module';
import { portalModule } from '../modules/portal/portal.module';
import { journeysModule } from '../modules/journeys/journeys.module';
import { importsModule } from '../modules/imports/imports.module';

/**
 * Every web module, one line each. The router, the side menu and the translations are assembled from
 * this list (a module declares its pages, menu entries and strings in modules/<cap>/<cap>.module.ts).
 * Within a menu group, entries follow this order.
 */
export const WEB_MODULES: readonly WebModule[] = [
  homeModule,
  ticketsModule,
  tasksModule,
  departmentModule,
  complaintsModule,
  customersModule,
  contactsModule,
  telephonyModule,
  channelsModule,
  workOrdersModule,
  surveysModule,
  qualityModule,
  careModule,
  reportsModule,
  messagesModule,
  orgModule,
  usersModule,
  rolesModule,
  accountRequestsModule,
  calendarModule,
  slaModule,
  auditModule,
  dashboardModule,
  approvalsModule,
  returnsModule,
  notificationsModule,
  partsModule,
  knowledgeModule,
  membersModule,
  portalModule,
  journeysModule,
  importsModule,
];

/** The strings of every module; main.tsx registers them next to the shell's own (i18n/zh-CN.ts, en.ts). */
export const MODULE_BUNDLES: readonly ModuleBundle[] = WEB_MODULES.flatMap((m) => m.strings);
