/**
 * Every server module and what it brings to the running server, in one list: its routes (under
 * /api/v1), its business-event handlers, what it lends other modules (attachment subjects, customer
 * card sections, SLA subjects), its scheduler jobs and the work it schedules for itself. Nothing
 * registers by being imported; a module missing here has no routes, handlers or jobs.
 */
import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../jobs/jobs.types';
import { attachmentsRoutes } from '../modules/attachments/attachments.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { ssoRoutes } from '../modules/auth/auth.sso.routes';
import { calendarRoutes } from '../modules/calendar/calendar.routes';
import { careDailyUnitJob, carePlanDayJob } from '../modules/care/care.jobs';
import { ensureCarePlan } from '../modules/care/care.service';
import { registerCareEvents } from '../modules/care/care.events';
import { careReportsRoutes } from '../modules/care/care.reports.routes';
import { careRoutes } from '../modules/care/care.routes';
import { registerComplaintExtensions } from '../modules/complaints/complaints.extensions';
import { complaintsRoutes } from '../modules/complaints/complaints.routes';
import { departmentRepliesRoutes } from '../modules/complaints/department-replies.routes';
import { dashboardRoutes } from '../modules/dashboard/dashboard.routes';
import { contactsRoutes } from '../modules/contacts/contacts.routes';
import { registerContactCardSection } from '../modules/contacts/contacts.usecases';
import { registerCustomerExportApproval } from '../modules/customers/customers.access';
import { registerCustomerErasureApproval } from '../modules/customers/customers.pipl';
import { registerContactErasure } from '../modules/contacts/contacts.erasure';
import { registerOfficialAccountErasure } from '../modules/channels/official-account';
import { registerTicketErasure } from '../modules/tickets/tickets.erasure';
import { registerOrderErasure } from '../modules/orders/orders.erasure';
import { registerCareErasure } from '../modules/care/care.erasure';
import { registerSurveyErasure } from '../modules/surveys/surveys.erasure';
import { registerApprovalErasure } from '../modules/approvals/approvals.erasure';
import { customersRoutes } from '../modules/customers/customers.routes';
import { messagesRoutes } from '../modules/messages/messages.routes';
import { notificationsRoutes } from '../modules/notifications/notifications.routes';
import { orgRoutes } from '../modules/org/org.routes';
import {
  ACCOUNT_REQUEST_SUBJECT,
  accountRequestApprovalHandler,
} from '../modules/org/account-requests.usecases';
import { registerApprovalSubject } from '../modules/approvals/approvals.service';
import { routingRoutes } from '../modules/routing/routing.routes';
import { reportDeliveryJob, reportsPeriodic } from '../modules/reports/reports.jobs';
import { reportsRoutes } from '../modules/reports/reports.routes';
import { registerSlaEvents } from '../modules/sla/sla.events';
import { slaEscalationJob, slaRecomputeUnitJob } from '../modules/sla/sla.jobs';
import { slaRoutes } from '../modules/sla/sla.routes';
import { surveysReportsRoutes } from '../modules/surveys/surveys.reports.routes';
import { surveysRoutes } from '../modules/surveys/surveys.routes';
import { weeklySummaryJob } from '../modules/surveys/surveys.jobs';
import { enqueueWeeklySummary } from '../modules/surveys/surveys.service';
import { registerTaskEvents } from '../modules/tasks/tasks.events';
import { taskEscalationJob, taskOverdueJob } from '../modules/tasks/tasks.jobs';
import { taskRoutes } from '../modules/tasks/tasks.routes';
import { notifyDueCareTasks, registerNotificationEvents } from '../modules/notifications/notifications.work';
import { sealPlainRecordings } from '../modules/telephony/telephony.calls';
import { telephonyRoutes } from '../modules/telephony/telephony.routes';
import { channelsRoutes } from '../modules/channels/channels.routes';
import { registerChannelSmsGateway } from '../modules/channels/channels.sms';
import { emailPeriodic } from '../modules/channels/email.poller';
import { closeMailboxWatchers } from '../modules/channels/email.watcher';
import { deliverStaffMessages, registerStaffNotices } from '../modules/channels/channels.staff';
import { staffIdsRoutes } from '../modules/channels/channels.staff.routes';
import { officialAccountRoutes } from '../modules/channels/official-account.routes';
import { registerTicketEvents } from '../modules/tickets/tickets.events';
import { registerTicketExtensions } from '../modules/tickets/tickets.extensions';
import { ticketsRoutes } from '../modules/tickets/tickets.routes';
import { qualityRoutes } from '../modules/quality/quality.routes';
import { pricingRoutes } from '../modules/workorders/pricing.routes';
import { registerWorkOrderExtensions } from '../modules/workorders/workorders.extensions';
import { workOrderReminderJob } from '../modules/workorders/workorders.jobs';
import { remindContractRenewals } from '../modules/workorders/contracts.usecases';
import { workOrdersRoutes } from '../modules/workorders/workorders.routes';
import { registerApprovalExtensions } from '../modules/approvals/approvals.extensions';
import { approvalsRoutes } from '../modules/approvals/approvals.routes';
import { ordersRoutes } from '../modules/orders/orders.routes';
import { registerReturnExtensions } from '../modules/returns/returns.extensions';
import { returnsRoutes } from '../modules/returns/returns.routes';
import { partsRoutes } from '../modules/parts/parts.routes';
import { registerKnowledgeExtensions } from '../modules/knowledge/knowledge.extensions';
import { remindExpiringAnswers } from '../modules/knowledge/knowledge.reminders';
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes';
import { membersDailyJob, enqueueMembersDaily } from '../modules/members/members.jobs';
import { membersRoutes } from '../modules/members/members.routes';
import { portalRoutes } from '../modules/portal/portal.routes';
import { importsRoutes } from '../modules/imports/imports.routes';
import { resumeImports } from '../modules/imports/imports.service';
import { registerJourneyExtensions } from '../modules/journeys/journeys.usecases';
import { journeyReminderJob } from '../modules/journeys/journeys.reminders';
import { journeysRoutes } from '../modules/journeys/journeys.routes';
import type { Deps } from './context';

export interface ServerModule {
  name: string;
  /**
   * Routes, event handlers and extensions. Handlers and extensions live in process-wide registries
   * keyed by name, so registering again (one server per test file) replaces rather than doubles.
   */
  register(api: FastifyInstance, deps: Deps): Promise<void>;
  /** The scheduler job kinds the module handles. */
  jobs?: readonly JobDefinition<unknown>[];
  /** Work a running server schedules for itself each pass, under one job id per period. */
  periodic?(deps: Deps): Promise<void>;
}

/** A module's job kinds as the worker looks them up by kind (each parses its own payload). */
function jobsOf<T extends unknown[]>(
  ...defs: { [K in keyof T]: JobDefinition<T[K]> }
): JobDefinition<unknown>[] {
  return defs as unknown as JobDefinition<unknown>[];
}

type RoutesOf = (deps: Deps) => (api: FastifyInstance) => Promise<void>;

async function routes(api: FastifyInstance, deps: Deps, ...plugins: RoutesOf[]): Promise<void> {
  for (const plugin of plugins) await api.register(plugin(deps));
}

/** In route-registration order (the API document lists them so). */
export const SERVER_MODULES: readonly ServerModule[] = [
  { name: 'auth', register: (api, deps) => routes(api, deps, authRoutes, ssoRoutes) },
  {
    name: 'org',
    register: async (api, deps) => {
      registerApprovalSubject(ACCOUNT_REQUEST_SUBJECT, accountRequestApprovalHandler);
      await routes(api, deps, orgRoutes);
    },
  },
  { name: 'audit', register: (api, deps) => routes(api, deps, auditRoutes) },
  { name: 'calendar', register: (api, deps) => routes(api, deps, calendarRoutes) },
  {
    name: 'sla',
    register: async (api, deps) => {
      registerSlaEvents();
      await routes(api, deps, slaRoutes);
    },
    jobs: jobsOf(slaEscalationJob, slaRecomputeUnitJob),
  },
  {
    name: 'notifications',
    register: async (api, deps) => {
      registerNotificationEvents();
      await routes(api, deps, notificationsRoutes);
    },
    // A care call of someone's falls due: they are told (in-app, WeCom/DingTalk).
    periodic: async (deps) => void (await notifyDueCareTasks(deps)),
  },
  {
    name: 'customers',
    register: async (api, deps) => {
      registerCustomerExportApproval();
      registerCustomerErasureApproval();
      registerContactErasure();
      registerOfficialAccountErasure();
      registerTicketErasure();
      registerOrderErasure();
      registerCareErasure();
      registerSurveyErasure();
      registerApprovalErasure();
      await routes(api, deps, customersRoutes);
    },
  },
  {
    name: 'contacts',
    register: async (api, deps) => {
      registerContactCardSection();
      await routes(api, deps, contactsRoutes);
    },
  },
  {
    name: 'telephony',
    register: async (api, deps) => {
      // Recording addresses stored in plain text before they were sealed: sealed once, at start-up.
      await sealPlainRecordings(deps);
      await routes(api, deps, telephonyRoutes);
    },
  },
  {
    name: 'channels',
    register: async (api, deps) => {
      registerChannelSmsGateway();
      registerStaffNotices(deps);
      // IMAP IDLE connections closed and their mailbox leases given back when the server stops.
      api.addHook('onClose', () => closeMailboxWatchers(deps));
      await routes(api, deps, channelsRoutes, staffIdsRoutes, officialAccountRoutes);
    },
    // E-mail: mailboxes read and queued answers sent (in the background). Staff notices to WeCom /
    // DingTalk leave here too, never in the request that made them.
    periodic: async (deps) => {
      await emailPeriodic(deps);
      await deliverStaffMessages(deps);
    },
  },
  {
    name: 'tasks',
    register: async (api, deps) => {
      registerTaskEvents();
      await routes(api, deps, taskRoutes);
    },
    jobs: jobsOf(taskEscalationJob, taskOverdueJob),
  },
  { name: 'routing', register: (api, deps) => routes(api, deps, routingRoutes) },
  {
    name: 'tickets',
    register: async (api, deps) => {
      registerTicketExtensions();
      registerTicketEvents();
      await routes(api, deps, ticketsRoutes);
    },
  },
  {
    name: 'complaints',
    register: async (api, deps) => {
      registerComplaintExtensions();
      await routes(api, deps, departmentRepliesRoutes, complaintsRoutes);
    },
  },
  { name: 'attachments', register: (api, deps) => routes(api, deps, attachmentsRoutes) },
  {
    name: 'workorders',
    register: async (api, deps) => {
      registerWorkOrderExtensions();
      await routes(api, deps, workOrdersRoutes, pricingRoutes);
    },
    jobs: jobsOf(workOrderReminderJob),
    periodic: async (deps) => {
      await remindContractRenewals(deps);
    },
  },
  {
    name: 'surveys',
    register: (api, deps) => routes(api, deps, surveysRoutes, surveysReportsRoutes),
    jobs: jobsOf(weeklySummaryJob),
    periodic: async (deps) => {
      await enqueueWeeklySummary(deps);
    },
  },
  { name: 'messages', register: (api, deps) => routes(api, deps, messagesRoutes) },
  {
    name: 'care',
    register: async (api, deps) => {
      registerCareEvents();
      await routes(api, deps, careRoutes, careReportsRoutes);
    },
    jobs: jobsOf(carePlanDayJob, careDailyUnitJob),
    periodic: (deps) => ensureCarePlan(deps.db, deps.clock.now()),
  },
  {
    name: 'reports',
    register: (api, deps) => routes(api, deps, reportsRoutes),
    jobs: jobsOf(reportDeliveryJob),
    periodic: reportsPeriodic,
  },
  { name: 'dashboard', register: (api, deps) => routes(api, deps, dashboardRoutes) },
  { name: 'quality', register: (api, deps) => routes(api, deps, qualityRoutes) },
  { name: 'orders', register: (api, deps) => routes(api, deps, ordersRoutes) },
  {
    name: 'approvals',
    register: async (api, deps) => {
      registerApprovalExtensions();
      await routes(api, deps, approvalsRoutes);
    },
  },
  {
    name: 'returns',
    register: async (api, deps) => {
      registerReturnExtensions();
      await routes(api, deps, returnsRoutes);
    },
  },
  {
    name: 'journeys',
    register: async (api, deps) => {
      registerJourneyExtensions();
      await routes(api, deps, journeysRoutes);
    },
    jobs: jobsOf(journeyReminderJob),
  },

  { name: 'parts', register: (api, deps) => routes(api, deps, partsRoutes) },
  {
    name: 'knowledge',
    register: async (api, deps) => {
      registerKnowledgeExtensions();
      await routes(api, deps, knowledgeRoutes);
    },
    periodic: async (deps) => {
      await remindExpiringAnswers(deps);
    },
  },
  {
    name: 'members',
    register: (api, deps) => routes(api, deps, membersRoutes),
    jobs: jobsOf(membersDailyJob),
    periodic: async (deps) => {
      await enqueueMembersDaily(deps);
    },
  },
  { name: 'portal', register: (api, deps) => routes(api, deps, portalRoutes) },
  {
    name: 'imports',
    register: (api, deps) => routes(api, deps, importsRoutes),
    // CUS-5: imports queued, or left running by a stopped process, go on (in the background).
    periodic: async (deps) => void (await resumeImports(deps)),
  },
];

/** Registers every module on the /api/v1 scope. */
export async function registerModules(api: FastifyInstance, deps: Deps): Promise<void> {
  for (const m of SERVER_MODULES) await m.register(api, deps);
}

/** Every module's job kinds, by kind, for the scheduler's worker. */
export function jobDefinitions(): Record<string, JobDefinition<unknown>> {
  return Object.fromEntries(SERVER_MODULES.flatMap((m) => m.jobs ?? []).map((d) => [d.kind, d]));
}
