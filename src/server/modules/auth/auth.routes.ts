import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { clearOrgCachesOnWrites } from '../org/org.service';
import { actorOf, assertSameOrigin, clearSessionCookies, setSessionCookies } from './auth.plugin';
import { changeLocale, changePassword, loadMe, login, logout, resolveSession } from './auth.usecases';
import { publicRoute, signedIn } from '../../app/route-access';
import { meSchema } from '../../../shared/auth';
import { noContent } from '../../../shared/common';

/** Login, logout, the current person, password change. */
export function authRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    clearOrgCachesOnWrites(fastify, deps);
    const tags = ['auth'];

    app.post(
      '/auth/login',
      {
        // Attempts per address are limited in the database (login-throttle.ts), shared by instances.
        config: publicRoute('the login form: username and password'),
        schema: {
          tags,
          body: z.strictObject({
            username: z.string().trim().min(1).max(100),
            password: z.string().min(1).max(200),
          }),
          response: { 200: z.object({ me: meSchema }) },
        },
      },
      async (req, reply) => {
        assertSameOrigin(req);
        const session = await login(deps, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookies(reply, deps, session);
        const resolved = await resolveSession(deps, session.token, req.ip ?? null);
        if (!resolved || resolved === 'expired') throw new Error('session vanished right after login');
        return { me: await loadMe(deps, resolved.actor, session.csrfToken) };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: signedIn('ends the caller’s own session'),
        schema: { tags, body: z.strictObject({}).optional(), response: { 204: noContent } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await logout(deps, req.kefuSession!.tokenHash, actor);
        clearSessionCookies(reply);
        return reply.code(204).send();
      },
    );

    app.get(
      '/me',
      { config: signedIn('the caller’s own profile'), schema: { tags, response: { 200: meSchema } } },
      async (req) => loadMe(deps, actorOf(req), req.kefuSession!.csrfToken),
    );

    app.patch(
      '/me',
      {
        config: signedIn('the caller’s own preferences'),
        schema: {
          tags,
          body: z.strictObject({ locale: z.enum(['zh-CN', 'en']) }),
          response: { 200: meSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await changeLocale(deps, actor, req.body.locale);
        return loadMe(deps, actor, req.kefuSession!.csrfToken);
      },
    );

    app.post(
      '/auth/password',
      {
        config: signedIn('the caller’s own password'),
        schema: {
          tags,
          body: z.strictObject({
            currentPassword: z.string().min(1).max(200),
            newPassword: z.string().min(1).max(200),
          }),
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await changePassword(deps, actorOf(req), { ...req.body, keepTokenHash: req.kefuSession!.tokenHash });
        return reply.code(204).send();
      },
    );
  };
}
