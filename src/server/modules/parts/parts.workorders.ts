/**
 * What the parts module needs to know about a work order, read-only: its unit, state, technician,
 * service class and whether its charged-service quote (PAY-3) is approved and signed. All of it
 * comes through the workorders service (decision 0012); this module reads none of its tables.
 */
export {
  signedQuotesWithParts,
  type WaitingPage,
  workOrderFactsForParts as workOrderFacts,
  workOrderNumbers,
  type WorkOrderPartsFacts as WorkOrderFacts,
} from '../workorders/workorders.service';

/**
 * PAY-3: a charged (class A) order's quote is approved by the chain and signed by the customer
 * before parts are requisitioned for it; other classes need none. The workorders module decides.
 */
export { quoteApprovedForRequisition as quoteApproved } from '../workorders/workorders.service';

/** Parts are not moved for an order that is over. */
export const workOrderOver = (state: string) => state === 'closed' || state === 'cancelled';
