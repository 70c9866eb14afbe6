import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/approvals';
import { idParams } from '../../../shared/common';
import type { Deps } from '../../app/context';
import { needs, signedIn } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { decideApproval } from './approvals.engine';
import * as q from './approvals.queries';

/** The approval inbox, decisions, chain rules and delegates (审批). */
export function approvalsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['approvals'];
    app.get(
      '/approvals/inbox',
      {
        config: signedIn(
          'what waits for the caller’s own roles (or a delegator’s) and the caller’s own requests',
        ),
        schema: { tags, querystring: s.inboxQuery, response: { 200: s.approvalInboxSchema } },
      },
      async (req) => q.approvalInbox(deps, actorOf(req), req.query),
    );
    app.get(
      '/approvals/chains',
      {
        config: needs('approvals.manage'),
        schema: {
          tags,
          querystring: s.chainsQuery,
          response: { 200: z.object({ items: z.array(s.approvalChainSchema) }) },
        },
      },
      async (req) => q.listChains(deps, actorOf(req), req.query.unitId),
    );
    app.put(
      '/approvals/chains',
      {
        config: needs('approvals.manage'),
        schema: {
          tags,
          body: s.replaceChainsBody,
          response: { 200: z.object({ items: z.array(s.approvalChainSchema) }) },
        },
      },
      async (req) => q.replaceChains(deps, actorOf(req), req.body),
    );
    app.get(
      '/approvals/delegations',
      {
        config: signedIn('the delegations the caller gave or received'),
        schema: { tags, response: { 200: z.object({ items: z.array(s.delegationSchema) }) } },
      },
      async (req) => q.listDelegations(deps, actorOf(req)),
    );
    app.post(
      '/approvals/delegations',
      {
        config: signedIn('the caller delegates their own approvals'),
        schema: { tags, body: s.createDelegationBody, response: { 201: s.delegationSchema } },
      },
      async (req, reply) => reply.code(201).send(await q.createDelegation(deps, actorOf(req), req.body)),
    );
    app.post(
      '/approvals/delegations/:id/revoke',
      {
        config: signedIn('the caller ends a delegation they gave'),
        schema: { tags, params: idParams, response: { 200: s.delegationSchema } },
      },
      async (req) => q.revokeDelegation(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/approvals/:id',
      {
        config: signedIn('a request in the caller’s units, or their own (approvals.engine mayView)'),
        schema: { tags, params: idParams, response: { 200: s.approvalRequestSchema } },
      },
      async (req) => q.getApproval(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/approvals/:id/approve',
      {
        config: signedIn(
          'the holder of the awaited role at the request’s unit, or their delegate (never the requester)',
        ),
        schema: { tags, params: idParams, response: { 200: s.approvalRequestSchema } },
      },
      async (req) => {
        await decideApproval(deps, actorOf(req), req.params.id, 'approve', null);
        return q.getApproval(deps, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/approvals/:id/send-back',
      {
        config: signedIn(
          'the holder of the awaited role at the request’s unit, or their delegate (never the requester)',
        ),
        schema: { tags, params: idParams, body: s.sendBackBody, response: { 200: s.approvalRequestSchema } },
      },
      async (req) => {
        await decideApproval(deps, actorOf(req), req.params.id, 'send_back', req.body.reason);
        return q.getApproval(deps, actorOf(req), req.params.id);
      },
    );
  };
}
