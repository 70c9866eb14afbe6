/** The auth module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
export { actorOf } from './auth.plugin';
export { liftAccountLocks } from './login-throttle';
export { hashPassword, randomPassword } from './password';
export { consumeOAuthState, spendOAuthCode, startOAuthState, OAUTH_STATE_TTL_MS } from './auth.oauth';
export { publicBase, setStateCookie } from './auth.sso.routes';
