import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Deps } from '../../app/context';
import { authErrors } from './auth.errors';
import { resolveSession, type NewSession, type ResolvedSession } from './auth.usecases';

export const SESSION_COOKIE = 'kefu_session';
export const CSRF_COOKIE = 'kefu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    kefuSession: ResolvedSession | null;
    kefuSessionExpired: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The acting person of an authenticated request; 401 when there is none. */
export function actorOf(req: FastifyRequest): Actor {
  if (req.kefuSession) return req.kefuSession.actor;
  throw req.kefuSessionExpired ? authErrors.sessionExpired() : authErrors.unauthenticated();
}

/**
 * Login CSRF: a page on another site could post the login form with the attacker's credentials
 * and sign the victim's browser into the attacker's account. Browsers send `Origin` with every
 * POST; a foreign one (or the opaque 'null') is refused. Clients without Origin (scripts,
 * integrations) are not browsers and carry no victim's cookies.
 */
export function assertSameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (req.headers['sec-fetch-site'] === 'cross-site') throw authErrors.originInvalid();
    return;
  }
  let same: boolean;
  try {
    // Through URL both sides drop a default port (http://host:80 is http://host).
    same = new URL(origin).host === new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    same = false;
  }
  if (!same) throw authErrors.originInvalid({ origin });
}

/** Sets the session cookie (HttpOnly) and the CSRF cookie (readable by the page's scripts). */
export function setSessionCookies(reply: FastifyReply, deps: Deps, session: NewSession): void {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    expires: session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/**
 * Resolves the session cookie on every API request and enforces CSRF: a state-changing request
 * that rides on the cookie must repeat the session's CSRF token in a header, which a page on
 * another site cannot read. Requests without a session cookie carry no ambient authority.
 */
export function registerSessionHook(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('kefuSession', null);
  app.decorateRequest('kefuSessionExpired', false);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(deps, token, req.ip ?? null);
    if (resolved === 'expired') {
      req.kefuSessionExpired = true;
      return;
    }
    if (!resolved) return;
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, resolved.csrfToken))
        throw authErrors.csrfInvalid();
    }
    req.kefuSession = resolved;
  });
}
