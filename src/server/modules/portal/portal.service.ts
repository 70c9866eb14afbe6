/** What other modules use of the portal: the proven number behind a bearer token, a session for one. */
export { customersOfPhone, openPortalSession, portalPhoneOf } from './portal.auth';
