import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { publicRoute, signedIn } from '../../app/route-access';
import { actorOf, assertSameOrigin, setSessionCookies } from './auth.plugin';
import { OAUTH_STATE_COOKIE, OAUTH_STATE_TTL_MS } from './auth.oauth';
import {
  dingTalkInApp,
  finishDingTalkInApp,
  finishSso,
  loginAccounts,
  SSO_PROVIDERS,
  startSso,
  type SsoProvider,
} from './auth.sso';
import { redirectAnswer } from '../../../shared/common';

const providerParams = z.strictObject({ provider: z.enum(SSO_PROVIDERS as [SsoProvider, ...SsoProvider[]]) });
/** WeCom sends ?code&state; DingTalk ?authCode&state (and code too on newer pages). */
const callbackQuery = z.looseObject({
  code: z.string().max(512).optional(),
  authCode: z.string().max(512).optional(),
  state: z.string().max(100).optional(),
});

/** Where the vendor sends the browser back: KEFU_PUBLIC_URL when set, else the address asked. */
export function publicBase(deps: Deps, req: FastifyRequest): string {
  return deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
}

/** The state's copy in the browser: sent back only to the API, only for the round trip's minutes. */
export function setStateCookie(reply: FastifyReply, deps: Deps, state: string, now: Date): void {
  reply.setCookie(OAUTH_STATE_COOKIE, state, {
    path: '/api/v1/',
    httpOnly: true,
    // Lax: the vendor's redirect back is a top-level GET navigation, which carries it.
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    expires: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
  });
}

const errorCode = (err: unknown) => (err instanceof AppError ? err.code : 'auth.sso_vendor_down');

/** Staff sign-in with WeCom / DingTalk: the login page's buttons, the round trip, binding one's identity. */
export function ssoRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];

    app.get(
      '/auth/sso',
      {
        config: publicRoute('which sign-in buttons the login page shows, and DingTalk’s in-app sign-in'),
        schema: {
          tags,
          response: {
            200: z.object({
              providers: z.array(z.enum(['wecom', 'dingtalk'])),
              dingtalkInApp: z.object({ corpId: z.string(), jsapiUrl: z.string() }).nullable(),
            }),
          },
        },
      },
      async () => ({
        providers: [...(await loginAccounts(deps)).keys()].sort().reverse(),
        dingtalkInApp: await dingTalkInApp(deps),
      }),
    );

    app.post(
      '/auth/sso/dingtalk/in-app',
      {
        config: publicRoute('silent sign-in inside the DingTalk app: the JSAPI’s one-time free-login code'),
        schema: {
          tags,
          body: z.strictObject({ code: z.string().trim().min(1).max(512) }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (req, reply) => {
        // Like the password form: a page on another site must not sign this browser in as someone else.
        assertSameOrigin(req);
        const session = await finishDingTalkInApp(deps, {
          code: req.body.code,
          ip: req.ip ?? null,
          userAgent: req.headers['user-agent'] ?? null,
        });
        setSessionCookies(reply, deps, session);
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/sso/:provider/start',
      {
        config: publicRoute('starts the vendor sign-in: a redirect with a fresh state'),
        schema: { tags, params: providerParams, response: { 302: redirectAnswer } },
      },
      async (req, reply) => {
        const provider = req.params.provider;
        try {
          const { url, state } = await startSso(deps, provider, {
            redirectUri: `${publicBase(deps, req)}/api/v1/auth/sso/${provider}/callback`,
            inWeCom: /wxwork/i.test(req.headers['user-agent'] ?? ''),
            bindUserId: null,
          });
          setStateCookie(reply, deps, state, deps.clock.now());
          return reply.redirect(url, 302);
        } catch (err) {
          return reply.redirect(`/login?sso_error=${encodeURIComponent(errorCode(err))}`, 302);
        }
      },
    );

    app.post(
      '/auth/sso/:provider/bind',
      {
        config: signedIn('binds the caller’s own WeCom/DingTalk identity'),
        schema: {
          tags,
          params: providerParams,
          body: z.strictObject({}).optional(),
          response: { 200: z.object({ url: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const provider = req.params.provider;
        const { url, state } = await startSso(deps, provider, {
          redirectUri: `${publicBase(deps, req)}/api/v1/auth/sso/${provider}/callback`,
          inWeCom: /wxwork/i.test(req.headers['user-agent'] ?? ''),
          bindUserId: actor.userId,
        });
        setStateCookie(reply, deps, state, deps.clock.now());
        return { url };
      },
    );

    app.get(
      '/auth/sso/:provider/callback',
      {
        config: publicRoute(
          'the vendor’s redirect back: state (matched to the browser’s cookie) and a one-time code',
        ),
        schema: {
          tags,
          params: providerParams,
          querystring: callbackQuery,
          response: { 302: redirectAnswer },
        },
      },
      async (req, reply) => {
        const provider = req.params.provider;
        reply.clearCookie(OAUTH_STATE_COOKIE, { path: '/api/v1/' });
        const actor = req.kefuSession?.actor ?? null;
        try {
          const done = await finishSso(deps, provider, {
            code: req.query.code ?? req.query.authCode,
            state: req.query.state,
            cookie: req.cookies[OAUTH_STATE_COOKIE],
            sessionUserId: actor?.userId ?? null,
            actor,
            ip: req.ip ?? null,
            userAgent: req.headers['user-agent'] ?? null,
          });
          if (done.kind === 'bound') return reply.redirect(`/?sso_bound=${provider}`, 302);
          setSessionCookies(reply, deps, done.session);
          return reply.redirect('/', 302);
        } catch (err) {
          const code = encodeURIComponent(errorCode(err));
          if (!(err instanceof AppError)) req.log.error({ err }, 'WeCom/DingTalk sign-in failed');
          return reply.redirect(actor ? `/?sso_error=${code}` : `/login?sso_error=${code}`, 302);
        }
      },
    );
  };
}
