import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import {
  bulkAssign,
  bulkAssignBody,
  bulkResultSchema,
  bulkTransition,
  bulkTransitionBody,
} from './tickets.bulk';
import { ticketsExport } from './tickets.export';
import { registerListExport } from '../../app/list-export';
import { listTicketsQuery } from './tickets.schemas';
import { createView, createViewBody, deleteView, listViews, viewSchema } from './tickets.views';
import { needs } from '../../app/route-access';
import { noContent } from '../../../shared/common';

/** Saved views, bulk actions and the Excel export of the ticket list (search is `q` on GET /tickets). */
export function ticketListToolsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];

    app.get(
      '/ticket-views',
      {
        config: needs('tickets.read'),
        schema: { tags, response: { 200: z.object({ items: z.array(viewSchema) }) } },
      },
      async (req) => ({ items: await listViews(deps, actorOf(req)) }),
    );
    app.post(
      '/ticket-views',
      {
        config: needs('tickets.read'),
        schema: { tags, body: createViewBody, response: { 201: viewSchema } },
      },
      async (req, reply) => reply.code(201).send(await createView(deps, actorOf(req), req.body)),
    );
    app.delete(
      '/ticket-views/:id',
      {
        config: needs('tickets.read'),
        schema: { tags, params: z.strictObject({ id: z.uuid() }), response: { 204: noContent } },
      },
      async (req, reply) => {
        await deleteView(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/tickets/bulk/assign',
      {
        config: needs('tickets.assign'),
        schema: { tags, body: bulkAssignBody, response: { 200: bulkResultSchema } },
      },
      async (req) => bulkAssign(deps, actorOf(req), req.body),
    );
    app.post(
      '/tickets/bulk/transition',
      {
        config: needs('tickets.manage'),
        schema: { tags, body: bulkTransitionBody, response: { 200: bulkResultSchema } },
      },
      async (req) => bulkTransition(deps, actorOf(req), req.body),
    );

    registerListExport(
      fastify,
      deps,
      '/tickets/export.xlsx',
      listTicketsQuery.omit({ page: true, pageSize: true }),
      ticketsExport,
      tags,
    );
  };
}
