/**
 * The work-order commands the routes call (REP-1…REP-8), in one place. Each step's code stays in
 * the file of its stage (create, dispatch, field, completion, review, public link, pricing), which
 * would make one file of well over a thousand lines; reads are in workorders.queries.ts.
 */
export { createWorkOrder, listLinkableOrders, updateWorkOrderDetails } from './workorders.create';
export {
  dispatchBoard,
  listFieldServiceUnits,
  listTechnicians,
  setTechnicianProfile,
} from './workorders.dispatch';
export {
  agreeAppointment,
  arrive,
  assignTechnician,
  bookReturn,
  depart,
  recordChecklist,
  recordParts,
  recordVisit,
  reportLate,
  rescheduleAppointment,
} from './workorders.field';
export { carryIn, deliverReturn, finishVisit } from './workorders.completion';
export {
  cancelWorkOrder,
  closeWorkOrder,
  recordClassOpinion,
  setServiceClass,
  verifyWorkOrder,
} from './workorders.review';
export { createWorkOrderLink, publicAcceptance, publicWorkOrder } from './workorders.public';
export {
  draftQuote,
  handOverPayment,
  listPayments,
  quoteStep,
  recordInvoiceMailed,
  recordPayment,
  signQuote,
} from './pricing.usecases';
export { decideFieldRecordStage, submitFieldRecordCommand } from './workorders.approvals';
export {
  confirmCustomerRequest,
  declineCustomerRequest,
  submitCustomerRequest,
} from './workorders.customer-requests';
