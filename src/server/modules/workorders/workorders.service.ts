/**
 * The workorders module's public face (docs/decisions/0012-module-boundaries.md): what the demo
 * company, the benchmarks and other modules may call; nothing else is imported from the module's
 * other files.
 */
export { dispatchBoard } from './workorders.dispatch';
export { dayBounds } from './workorders.field';
export { listWorkOrders, technicianLoad } from './workorders.queries';
export { loadWorkOrder, nextWorkOrderSequence } from './workorders.repository';
export { seesWorkOrder } from './workorders.policy';
export { createWorkOrder } from './workorders.create';
export {
  registerWorkOrderLinks,
  workOrderProgress,
  type WorkOrderLink,
  type WorkOrderLinkReader,
} from './workorders.links';
export { finishVisit } from './workorders.completion';
export { acceptanceFormFor } from './workorders.acceptance';
export {
  agreeAppointment,
  arrive,
  assignTechnician,
  depart,
  recordChecklist,
  recordVisit,
} from './workorders.field';
export { cancelWorkOrder, closeWorkOrder, verifyWorkOrder } from './workorders.review';
export { draftQuote } from './pricing.usecases';
// Spare parts (issue 18) requisition against a charged order's approved, customer-signed quote.
export { quoteApprovedForRequisition } from './workorders.approvals';
export { signedQuotesWithParts, type WaitingPage } from './quotes-waiting';
export { workOrderFactsForParts, workOrderNumbers, type WorkOrderPartsFacts } from './workorders.parts-facts';
export { workOrderIdsOfTicket, workOrderSatisfactionCallMade } from './workorders.satisfaction';
/** PORTAL-1: the portal opens a signed-in customer's work order on the customer page (PORTAL-2). */
export { LINK_SUBJECT as WORK_ORDER_LINK_SUBJECT, workOrderUrlOf } from './workorders.public';
