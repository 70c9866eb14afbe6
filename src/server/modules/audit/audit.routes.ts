import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { pagination } from '../org/org.service';
import { listAudit } from './audit.usecases';
import { needs } from '../../app/route-access';
import { auditEntrySchema } from '../../../shared/audit';

export function auditRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    fastify.withTypeProvider<ZodTypeProvider>().get(
      '/audit',
      {
        config: needs('audit.read'),
        schema: {
          tags: ['audit'],
          querystring: z.strictObject({
            subjectType: z.string().max(60).optional(),
            subjectId: z.string().max(100).optional(),
            actorId: z.uuid().optional(),
            action: z.string().max(100).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            ...pagination,
          }),
          response: { 200: z.object({ items: z.array(auditEntrySchema), total: z.number() }) },
        },
      },
      async (req) => listAudit(deps, actorOf(req), req.query),
    );
  };
}
