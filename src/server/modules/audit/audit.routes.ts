import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { pagination } from '../org/org.service';
import { listAudit } from './audit.usecases';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { auditExport } from './audit.export';
import { auditEntrySchema } from '../../../shared/audit';

export function auditRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const filter = z.strictObject({
      subjectType: z.string().max(60).optional(),
      subjectId: z.string().max(100).optional(),
      actorId: z.uuid().optional(),
      action: z.string().max(100).optional(),
      from: z.coerce.date().optional(),
      to: z.coerce.date().optional(),
    });
    registerListExport(fastify, deps, '/audit/export.xlsx', filter, auditExport, ['audit']);
    fastify.withTypeProvider<ZodTypeProvider>().get(
      '/audit',
      {
        config: needs('audit.read'),
        schema: {
          tags: ['audit'],
          querystring: filter.extend(pagination),
          response: { 200: z.object({ items: z.array(auditEntrySchema), total: z.number() }) },
        },
      },
      async (req) => listAudit(deps, actorOf(req), req.query),
    );
  };
}
