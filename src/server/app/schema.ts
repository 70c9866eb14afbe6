/** Every table, gathered for Drizzle's typed queries and for drizzle-kit's migration generator. */
import * as org from '../modules/org/org.table';
import * as auth from '../modules/auth/auth.table';
import * as audit from '../modules/audit/audit.table';
import * as calendar from '../modules/calendar/calendar.table';
import * as sla from '../modules/sla/sla.table';
import * as notifications from '../modules/notifications/notifications.table';
import * as jobs from '../jobs/jobs.table';
import * as live from './live.table';
import * as customers from '../modules/customers/customers.table';
import * as tasks from '../modules/tasks/tasks.table';
import * as contacts from '../modules/contacts/contacts.table';
import * as telephony from '../modules/telephony/telephony.table';
import * as channels from '../modules/channels/channels.table';
import * as staffMessages from '../modules/channels/channels.staff.table';
import * as routing from '../modules/routing/routing.table';
import * as tickets from '../modules/tickets/tickets.table';
import * as complaints from '../modules/complaints/complaints.table';
import * as departmentReplies from '../modules/complaints/department-replies.table';
import * as ticketViews from '../modules/tickets/tickets.views.table';
import * as attachments from '../modules/attachments/attachments.table';
import * as customerLinks from '../modules/customer-links/customer-links.table';
import * as messages from '../modules/messages/messages.table';
import * as surveys from '../modules/surveys/surveys.table';
import * as workOrders from '../modules/workorders/workorders.table';
import * as pricing from '../modules/workorders/pricing.table';
import * as care from '../modules/care/care.table';
import * as reports from '../modules/reports/reports.table';
import * as quality from '../modules/quality/quality.table';
import * as orders from '../modules/orders/orders.table';
import * as imports from '../modules/imports/imports.table';
import * as approvals from '../modules/approvals/approvals.table';
import * as returns from '../modules/returns/returns.table';
import * as parts from '../modules/parts/parts.table';
import * as knowledge from '../modules/knowledge/knowledge.table';
import * as members from '../modules/members/members.table';
import * as portal from '../modules/portal/portal.table';
import * as journeys from '../modules/journeys/journeys.table';

export const schema = {
  ...org,
  ...auth,
  ...audit,
  ...calendar,
  ...sla,
  ...notifications,
  ...jobs,
  ...live,
  ...customers,
  ...tasks,
  ...contacts,
  ...telephony,
  ...channels,
  ...staffMessages,
  ...routing,
  ...tickets,
  ...complaints,
  ...departmentReplies,
  ...ticketViews,
  ...attachments,
  ...customerLinks,
  ...messages,
  ...surveys,
  ...workOrders,
  ...pricing,
  ...care,
  ...reports,
  ...quality,
  ...orders,
  ...approvals,
  ...returns,
  ...parts,
  ...knowledge,
  ...members,
  ...portal,
  ...imports,
  ...journeys,
};
