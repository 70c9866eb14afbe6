import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileDownload, idParams } from '../../../shared/common';
import * as s from '../../../shared/returns';
import type { Deps } from '../../app/context';
import { needs, signedIn } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { returnErrors } from './returns.errors';
import { presentDecision, presentReturn } from './returns.presenter';
import * as uc from './returns.usecases';

/** The counter's return, exchange and cancellation requests, their forms and the policy (RET-1…10). */
export function returnsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['returns'];
    const show = async (req: Parameters<typeof actorOf>[0], row: uc.ReturnRow) =>
      presentReturn(deps, actorOf(req), row);

    app.post(
      '/returns/preview',
      {
        config: needs('returns.request'),
        schema: { tags, body: s.previewReturnBody, response: { 200: s.decisionSchema } },
      },
      async (req) => presentDecision(await uc.previewReturn(deps, actorOf(req), req.body)),
    );
    app.post(
      '/returns',
      {
        config: needs('returns.request'),
        schema: { tags, body: s.createReturnBody, response: { 201: s.returnRequestSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await show(req, await uc.createReturn(deps, actorOf(req), req.body))),
    );
    app.get(
      '/returns',
      {
        config: needs('returns.read'),
        schema: { tags, querystring: s.listReturnsQuery, response: { 200: s.returnListResponse } },
      },
      async (req) => uc.listReturns(deps, actorOf(req), req.query),
    );
    app.get(
      '/returns/policies',
      {
        config: needs('returns.read'),
        schema: { tags, querystring: s.policiesQuery, response: { 200: s.policiesResponse } },
      },
      async (req) => uc.listPolicies(deps, actorOf(req), req.query.unitId),
    );
    app.post(
      '/returns/policies',
      {
        config: needs('returns.policy.manage'),
        schema: { tags, body: s.createPolicyBody, response: { 201: s.policySchema } },
      },
      async (req, reply) => reply.code(201).send(await uc.createPolicy(deps, actorOf(req), req.body)),
    );
    app.post(
      '/returns/policies/test',
      {
        config: needs('returns.read'),
        schema: { tags, body: s.policyTestBody, response: { 200: s.decisionSchema } },
      },
      async (req) => presentDecision(await uc.testPolicy(deps, actorOf(req), req.body)),
    );
    app.get(
      '/returns/:id',
      {
        config: signedIn('returns.read in the request’s unit, or one who may see its approval (a delegate)'),
        schema: { tags, params: idParams, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.getReturn(deps, actorOf(req), req.params.id)),
    );
    app.get(
      '/returns/:id/signature',
      {
        config: signedIn('returns.read in the request’s unit, or one who may see its approval (a delegate)'),
        schema: {
          tags,
          params: idParams,
          response: { 200: fileDownload('image/png', '客户签名图片 / The customer’s signature (PNG)') },
        },
      },
      async (req, reply) => {
        const row = await uc.getReturn(deps, actorOf(req), req.params.id);
        if (!row.signatureAttachmentId) throw returnErrors.notFound();
        const body = await deps.storage.get(`attachments/${row.signatureAttachmentId}`);
        return reply.type('image/png').header('cache-control', 'private, max-age=300').send(body);
      },
    );
    app.post(
      '/returns/:id/documents',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, body: s.documentsBody, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.setDocuments(deps, actorOf(req), req.params.id, req.body.documents)),
    );
    app.post(
      '/returns/:id/signature',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, body: s.signatureBody, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.signReturn(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/returns/:id/submit',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.submitReturn(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/returns/:id/inspection',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, body: s.inspectionBody, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.recordInspection(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/returns/:id/withdraw',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, body: s.withdrawBody, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.withdrawReturn(deps, actorOf(req), req.params.id, req.body.reason)),
    );
    app.post(
      '/returns/:id/refund-notice',
      {
        config: needs('returns.request'),
        schema: { tags, params: idParams, response: { 200: s.returnRequestSchema } },
      },
      async (req) => show(req, await uc.notifyRefund(deps, actorOf(req), req.params.id)),
    );
  };
}
