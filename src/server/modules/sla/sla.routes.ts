import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as s from './sla.schemas';
import * as uc from './sla.usecases';
import { clearOrgCachesOnWrites } from '../org/org.service';
import { needs } from '../../app/route-access';

/** SLA policies and the deadline calculator (SLA-2…SLA-6). */
export function slaRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    clearOrgCachesOnWrites(fastify, deps);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['sla'];
    app.get(
      '/sla/policies',
      {
        config: needs('calendar.read'),
        schema: { tags, querystring: s.unitQuery, response: { 200: s.policiesResponse } },
      },
      async (req) => uc.getPolicies(deps, actorOf(req), req.query.unitId),
    );
    app.put(
      '/sla/policies',
      {
        config: needs('sla.manage'),
        schema: {
          tags,
          querystring: s.unitQuery,
          body: s.putPoliciesBody,
          response: { 200: s.policiesResponse },
        },
      },
      async (req) => uc.putPolicies(deps, actorOf(req), req.query.unitId, req.body.policies),
    );
    app.post(
      '/sla/calculate',
      {
        config: needs('calendar.read'),
        schema: { tags, body: s.calculateBody, response: { 200: s.calculateResponse } },
      },
      async (req) =>
        uc.calculate(deps, actorOf(req), {
          ...req.body,
          intakeAt: new Date(req.body.intakeAt),
          committedAt: req.body.committedAt ? new Date(req.body.committedAt) : null,
        }),
    );
  };
}
