import type { FastifyInstance } from 'fastify';
import { scopeRoots, type PermissionCode } from '../../domain/permissions';
import { actorOf } from '../modules/auth/auth.plugin';
import { authErrors } from '../modules/auth/auth.errors';
import type { Actor } from './context';
import type { AppError } from './errors';

/**
 * Who may call a route, declared on the route itself (`config: needs('tickets.manage')`).
 *
 * - `permission`: a signed-in person holding at least one of these permissions somewhere. Checked
 *   here before the body is read; the use case then checks the record's unit (ORG-1: outside the
 *   caller's units answers 404). A read permission never opens a write route.
 * - `signed-in`: any signed-in person; the use case scopes to what is theirs (own profile, own
 *   notifications). The reason is written down so a reviewer can judge it.
 * - `public`: no session; the reason names the credential (a customer link token, the telephony
 *   bearer token, the login form itself).
 *
 * Every route under /api/v1 declares one; the authorisation matrix (`security.matrix.test.ts`)
 * fails on a route that declares none and derives each role's expected answer from this.
 */
export type RouteAccess =
  | {
      kind: 'permission';
      anyOf: readonly PermissionCode[];
      /** A refusal in the business's own words (IN-7: trainees take no intake), when there is one. */
      refusal?: (actor: Actor) => AppError | null;
    }
  | { kind: 'signed-in'; why: string }
  | { kind: 'public'; why: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route as registered, with its declared access: what the security suites walk. */
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The route's Zod schemas, as declared (body, params, querystring). */
  schema: Record<string, unknown> | undefined;
}

/** The route needs one of these permissions (held in any unit; the record's unit is the use case's check). */
export const needs = (...anyOf: [PermissionCode, ...PermissionCode[]]) => ({
  access: { kind: 'permission', anyOf } as RouteAccess,
});
/** `needs(...)` whose refusal is explained by a business rule's own error when it applies. */
export const explainedBy = (
  config: ReturnType<typeof needs>,
  refusal: (actor: Actor) => AppError | null,
) => ({ access: { ...config.access, refusal } as RouteAccess });
/** Any signed-in person; `why` says what the use case limits them to. */
export const signedIn = (why: string) => ({ access: { kind: 'signed-in', why } as RouteAccess });
/** No session needed; `why` names the credential that replaces it. */
export const publicRoute = (why: string) => ({ access: { kind: 'public', why } as RouteAccess });
/**
 * A customer's page opened from a link (survey, work order): the token is the credential, and a
 * burst from one address is turned away (429) before it reaches the database. A person reads a
 * page a few times and answers it once; the limits leave room for a household behind one address.
 */
export const customerLinkRead = (why: string) => ({
  ...publicRoute(why),
  rateLimit: { max: 120, timeWindow: '1 minute' },
});
export const customerLinkWrite = (why: string) => ({
  ...publicRoute(why),
  rateLimit: { max: 10, timeWindow: '1 minute' },
});

/**
 * Enforces each route's declared access as soon as the session is known (before the body is
 * parsed), so a person without the permission gets 403 whatever they send.
 */
export function registerAccessCheck(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      table.push({
        method,
        url: route.url,
        access: (route.config as { access?: RouteAccess } | undefined)?.access,
        schema: route.schema as Record<string, unknown> | undefined,
      });
    }
  });
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    const actor = actorOf(req);
    if (access.kind === 'permission' && !access.anyOf.some((p) => scopeRoots(actor.grants, p).length > 0))
      throw access.refusal?.(actor) ?? authErrors.forbidden({ permission: access.anyOf[0] });
  });
}
