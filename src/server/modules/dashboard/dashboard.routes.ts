import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dashboardQuery, dashboardSchema, departmentOwesSchema } from '../../../shared/dashboard';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { dashboard, departmentOwes } from './dashboard.usecases';

/** RPT-1: the dashboard and a department's replies owed (the landing pages poll these). */
export function dashboardRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['dashboard'];
    app.get(
      '/dashboard',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: dashboardQuery, response: { 200: dashboardSchema } },
      },
      async (req) => dashboard(deps, actorOf(req), req.query.unitId),
    );
    app.get(
      '/dashboard/department',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: z.strictObject({}), response: { 200: departmentOwesSchema } },
      },
      async (req) => departmentOwes(deps, actorOf(req)),
    );
  };
}
