import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/common';
import * as s from '../../../shared/portal';
import type { Deps } from '../../app/context';
import { customerLinkRead, customerLinkWrite } from '../../app/route-access';
import { portalPhoneOf, requestCode, signIn } from './portal.auth';
import * as uc from './portal.usecases';

const BEARER = '客户自助服务的登录令牌（手机验证码换取）/ the portal bearer token from a one-time code';

/**
 * The customer portal (PORTAL-1): public routes, the customer's credential is a one-time code and
 * then a short bearer session. Sending codes and signing in are rate-limited per address here and
 * per number in the use case.
 */
export function portalRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    app.post(
      '/public/portal/codes',
      {
        config: customerLinkWrite(
          '手机号 + 短信验证码（按号码、按地址限次）/ a mobile number; limited per number and address',
        ),
        schema: { tags, body: s.codeRequestBody, response: { 202: s.codeSentSchema } },
      },
      async (req, reply) => reply.code(202).send(await requestCode(deps, req.body, req.ip)),
    );
    app.post(
      '/public/portal/sessions',
      {
        config: customerLinkWrite(
          '短信验证码（限次，用后作废）/ the one-time code; limited tries, spent on use',
        ),
        schema: { tags, body: s.signInBody, response: { 201: s.portalSessionSchema } },
      },
      async (req, reply) => reply.code(201).send(await signIn(deps, req.body, req.ip)),
    );
    app.get(
      '/public/portal/me',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalMeSchema } } },
      async (req) => uc.portalMe(deps, await portalPhoneOf(deps, req.headers.authorization)),
    );
    app.get(
      '/public/portal/answers',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalAnswersSchema } } },
      async (req) => uc.portalAnswers(deps, await portalPhoneOf(deps, req.headers.authorization)),
    );
    app.get(
      '/public/portal/requests',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalRequestListSchema } } },
      async (req) => ({
        items: await uc.listRequests(deps, await portalPhoneOf(deps, req.headers.authorization)),
      }),
    );
    app.post(
      '/public/portal/requests',
      {
        config: customerLinkWrite(BEARER),
        schema: { tags, body: s.portalRequestBody, response: { 201: s.portalRequestDetailSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await uc.submitRequest(deps, await portalPhoneOf(deps, req.headers.authorization), req.body)),
    );
    app.get(
      '/public/portal/requests/:id',
      {
        config: customerLinkRead(BEARER),
        schema: { tags, params: idParams, response: { 200: s.portalRequestDetailSchema } },
      },
      async (req) =>
        uc.requestDetail(deps, await portalPhoneOf(deps, req.headers.authorization), req.params.id),
    );
  };
}
