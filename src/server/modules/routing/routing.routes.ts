import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentRoutingRules, presentSalesChannel, presentTeam } from './routing.presenter';
import * as s from './routing.schemas';
import * as uc from './routing.usecases';
import { needs } from '../../app/route-access';

/** Routing admin (CL-3, CL-4): teams and members, sales channels owned by teams, rectification departments. */
export function routingRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['routing'];

    app.get(
      '/teams',
      {
        config: needs('tickets.read', 'routing.manage'),
        schema: {
          tags,
          querystring: s.unitFilter,
          response: { 200: z.object({ items: z.array(s.teamSchema) }) },
        },
      },
      async (req) => ({
        items: (await uc.listTeams(deps, actorOf(req), req.query)).map(presentTeam),
      }),
    );
    app.post(
      '/teams',
      {
        config: needs('routing.manage'),
        schema: { tags, body: s.createTeamBody, response: { 201: s.teamSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentTeam(await uc.createTeam(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/teams/:id',
      {
        config: needs('routing.manage'),
        schema: { tags, params: s.idParams, body: s.updateTeamBody, response: { 200: s.teamSchema } },
      },
      async (req) => presentTeam(await uc.updateTeam(deps, actorOf(req), req.params.id, req.body)),
    );

    app.get(
      '/sales-channels',
      {
        config: needs('tickets.read', 'routing.manage'),
        schema: {
          tags,
          querystring: s.unitFilter,
          response: { 200: z.object({ items: z.array(s.salesChannelSchema) }) },
        },
      },
      async (req) => ({
        items: (await uc.listSalesChannels(deps, actorOf(req), req.query)).map(presentSalesChannel),
      }),
    );
    app.post(
      '/sales-channels',
      {
        config: needs('routing.manage'),
        schema: { tags, body: s.createSalesChannelBody, response: { 201: s.salesChannelSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentSalesChannel(await uc.createSalesChannel(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/sales-channels/:id',
      {
        config: needs('routing.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: s.updateSalesChannelBody,
          response: { 200: s.salesChannelSchema },
        },
      },
      async (req) =>
        presentSalesChannel(await uc.updateSalesChannel(deps, actorOf(req), req.params.id, req.body)),
    );

    app.get(
      '/routing-rules',
      {
        config: needs('tickets.read', 'routing.manage'),
        schema: { tags, querystring: s.unitQuery, response: { 200: s.routingRulesSchema } },
      },
      async (req) => presentRoutingRules(await uc.getRoutingRules(deps, actorOf(req), req.query.unitId)),
    );
    app.put(
      '/routing-rules',
      {
        config: needs('routing.manage'),
        schema: {
          tags,
          querystring: s.unitQuery,
          body: s.putRoutingRulesBody,
          response: { 200: s.routingRulesSchema },
        },
      },
      async (req) =>
        presentRoutingRules(await uc.putRoutingRules(deps, actorOf(req), req.query.unitId, req.body.rules)),
    );
  };
}
