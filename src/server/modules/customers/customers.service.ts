/** The customers module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { customerNames, customerSummaries, findCustomerRow, loadChildren } from './customers.repository';
export {
  cardOf,
  customerCard,
  customerInScope,
  findCustomersByPhone,
  getCustomer,
  parsePhone,
  registerCardSection,
  revealNumbersForFollowUp,
  seesFullNumbers,
} from './customers.usecases';
export { createCustomer } from './customers.usecases';
export { insertAssetsBulk, insertCustomersBulk, type BulkAsset, type BulkCustomer } from './customers.bulk';
export {
  ANONYMISED_NAME,
  CUSTOMER_ERASURE_SUBJECT,
  registerErasureHandler,
  scrubJson,
  type ErasureHandler,
  type ErasureSubject,
} from './customers.pipl';
