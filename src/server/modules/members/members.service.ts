/** The members module's public face (docs/decisions/0012-module-boundaries.md): the customer archive's 360° view reads a customer's membership here. */
export { memberLedger, memberOfCustomer } from './members.usecases';
