import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OA_TARGETS, followerBindingSchema } from '../../../shared/channels';
import { idParams, noContent, redirectAnswer } from '../../../shared/common';
import type { Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { customerLinkRead, customerLinkWrite, needs } from '../../app/route-access';
import { actorOf, publicBase, setStateCookie } from '../auth/auth.service';
import { portalPhoneOf } from '../portal/portal.service';
import {
  BIND_TTL_MS,
  bindFollower,
  finishMenuLink,
  listBindings,
  removeBinding,
  startMenuLink,
} from './official-account';

const OAUTH_STATE_COOKIE = 'kefu_oauth_state';
/** The pending bind of the follower who came through the menu link, in their browser only. */
const OA_BIND_COOKIE = 'kefu_oa_bind';
const accountParams = z.strictObject({ accountId: z.string().max(64) });
/** Official-account menu links (public, through WeChat's OAuth) and the bindings staff manage. */
export function officialAccountRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];

    app.get(
      '/public/oa/:accountId/go',
      {
        config: customerLinkRead('公众号菜单链接：跳转微信网页授权 / the menu link: off to WeChat OAuth'),
        schema: {
          tags,
          params: accountParams,
          querystring: z.looseObject({ to: z.enum(OA_TARGETS).default('portal') }),
          response: { 302: redirectAnswer },
        },
      },
      async (req, reply) => {
        const { accountId } = req.params;
        try {
          const { url, state } = await startMenuLink(
            deps,
            accountId,
            req.query.to,
            `${publicBase(deps, req)}/api/v1/public/oa/${accountId}/callback`,
          );
          setStateCookie(reply, deps, state, deps.clock.now());
          return reply.redirect(url, 302);
        } catch (err) {
          const code = err instanceof AppError ? err.code : 'channels.oa_not_found';
          return reply.redirect(`/portal#oa_error=${encodeURIComponent(code)}`, 302);
        }
      },
    );

    app.get(
      '/public/oa/:accountId/callback',
      {
        config: customerLinkRead(
          '微信网页授权回跳：state 与本浏览器 Cookie 一致、code 一次有效 / WeChat’s redirect: state matched to the cookie, a one-time code',
        ),
        schema: {
          tags,
          params: accountParams,
          querystring: z.looseObject({
            code: z.string().max(512).optional(),
            state: z.string().max(100).optional(),
          }),
          response: { 302: redirectAnswer },
        },
      },
      async (req, reply) => {
        reply.clearCookie(OAUTH_STATE_COOKIE, { path: '/api/v1/' });
        try {
          const done = await finishMenuLink(deps, req.params.accountId, {
            code: req.query.code,
            state: req.query.state,
            cookie: req.cookies[OAUTH_STATE_COOKIE],
            ip: req.ip ?? null,
          });
          // The fragment never reaches a server or a Referer: the page takes the session from it.
          if (done.kind === 'session')
            return reply.redirect(`/portal#oa_session=${done.token}&tab=${done.target}`, 302);
          reply.setCookie(OA_BIND_COOKIE, done.bindToken, {
            path: '/api/v1/public/oa/',
            httpOnly: true,
            sameSite: 'lax',
            secure: deps.config.secureCookies,
            expires: new Date(deps.clock.now().getTime() + BIND_TTL_MS),
          });
          return reply.redirect(`/portal#oa_bind=1&tab=${done.target}`, 302);
        } catch (err) {
          const code = err instanceof AppError ? err.code : 'auth.sso_vendor_down';
          if (!(err instanceof AppError)) req.log.error({ err }, 'official-account menu link failed');
          return reply.redirect(`/portal#oa_error=${encodeURIComponent(code)}`, 302);
        }
      },
    );

    app.post(
      '/public/oa/bind',
      {
        config: customerLinkWrite(
          '门户登录令牌 + 本浏览器的待绑定 Cookie / the portal bearer token and this browser’s pending-bind cookie',
        ),
        schema: {
          tags,
          body: z.strictObject({}).optional(),
          response: { 200: z.object({ customerName: z.string(), target: z.enum(OA_TARGETS) }) },
        },
      },
      async (req, reply) => {
        const phone = await portalPhoneOf(deps, req.headers.authorization);
        const done = await bindFollower(deps, phone, req.cookies[OA_BIND_COOKIE], req.ip ?? null);
        reply.clearCookie(OA_BIND_COOKIE, { path: '/api/v1/public/oa/' });
        return done;
      },
    );

    app.get(
      '/channels/oa-bindings',
      {
        config: needs('channels.manage'),
        schema: {
          tags: ['channels'],
          querystring: z.strictObject({ customerId: z.uuid().optional(), accountId: z.uuid().optional() }),
          response: { 200: z.array(followerBindingSchema) },
        },
      },
      async (req) => listBindings(deps, actorOf(req), req.query),
    );
    app.delete(
      '/channels/oa-bindings/:id',
      {
        config: needs('channels.manage'),
        schema: { tags: ['channels'], params: idParams, response: { 204: noContent } },
      },
      async (req, reply) => {
        await removeBinding(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
