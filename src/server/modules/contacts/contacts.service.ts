/** The contacts module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { listContacts, recordCall } from './contacts.usecases';
export { logContact } from './contacts.usecases';
export {
  applyCallRecord,
  findCallContact,
  findOwnCall,
  linkCallToCustomer,
  linkCallToTicket,
  type CallOnFile,
} from './contacts.calls';
