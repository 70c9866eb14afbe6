import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as actions from './tickets.usecases';
import { createTicket } from './tickets.create';
import { recordMilestone } from './tickets.milestones';
import { ticketListToolsRoutes } from './tickets.list-tools.routes';
import { presentTicketDetail, presentTicketList } from './tickets.presenter';
import { getTicket, listTickets } from './tickets.queries';
import * as s from './tickets.schemas';
import { explainedBy, needs } from '../../app/route-access';
import { TRAINEE_ROLE } from '../routing/routing.service';
import { ticketErrors } from './tickets.errors';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });

/** Ticket routes (IN-*, CL-*): validate → use case with the acting person → the ticket as it is now. */
export function ticketsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    const detail = async (actor: ReturnType<typeof actorOf>, id: string) =>
      presentTicketDetail(deps, actor, await getTicket(deps, actor, id));
    const one = { params: s.idParams, response: { 200: s.ticketDetailSchema } };

    app.post(
      '/tickets',
      {
        config: explainedBy(needs('tickets.create'), (actor) =>
          actor.grants.some((g) => g.roleCode === TRAINEE_ROLE)
            ? ticketErrors.traineeCannotTakeIntake()
            : null,
        ),
        schema: {
          tags,
          headers: idempotencyHeaders,
          body: s.createTicketBody,
          response: { 200: s.ticketDetailSchema, 201: s.ticketDetailSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const outcome = await createTicket(deps, actor, req.body, req.headers['idempotency-key'] ?? null);
        if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
        if (outcome.replayed) return reply.code(200).send(await detail(actor, outcome.ticketId));
        return reply.code(201).send(await presentTicketDetail(deps, actor, outcome.detail));
      },
    );
    app.get(
      '/tickets',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: s.listTicketsQuery, response: { 200: s.ticketListSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        const { items, total, totalCapped } = await listTickets(deps, actor, req.query);
        return {
          items: await presentTicketList(deps, actor, items),
          total,
          totalCapped,
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    );
    app.get('/tickets/:id', { config: needs('tickets.read'), schema: { tags, ...one } }, async (req) =>
      detail(actorOf(req), req.params.id),
    );
    app.patch(
      '/tickets/:id',
      { config: needs('tickets.manage'), schema: { tags, ...one, body: s.updateTicketBody } },
      async (req) => {
        const actor = actorOf(req);
        await actions.updateTicket(deps, actor, req.params.id, req.body);
        return detail(actor, req.params.id);
      },
    );

    const action = <B extends z.ZodType>(
      path: string,
      access: ReturnType<typeof needs>,
      body: B,
      run: (actor: ReturnType<typeof actorOf>, id: string, body: z.infer<B>) => Promise<void>,
    ) =>
      app.post(`/tickets/:id/${path}`, { config: access, schema: { tags, ...one, body } }, async (req) => {
        const actor = actorOf(req);
        await run(actor, req.params.id, req.body as z.infer<B>);
        return detail(actor, req.params.id);
      });
    action('assign', needs('tickets.assign'), s.assignBody, (actor, id, b) =>
      actions.assignTicket(deps, actor, id, b),
    );
    action('reclassify', needs('tickets.manage'), s.reclassifyBody, (actor, id, b) =>
      actions.reclassifyTicket(deps, actor, id, b),
    );
    action('notes', needs('tickets.manage'), s.messageBody, (actor, id, b) =>
      actions.addNote(deps, actor, id, b.body),
    );
    action('replies', needs('tickets.manage'), s.replyBody, (actor, id, b) =>
      actions.addReply(deps, actor, id, b),
    );
    action('milestones', needs('tickets.manage'), s.milestoneBody, (actor, id, b) =>
      recordMilestone(deps, actor, id, b),
    );
    action('transition', needs('tickets.manage'), s.transitionBody, (actor, id, b) =>
      actions.transitionTicket(deps, actor, id, b),
    );
    action('merge', needs('tickets.manage'), s.mergeBody, (actor, id, b) =>
      actions.mergeTicket(deps, actor, id, b.intoTicketId),
    );
    await fastify.register(ticketListToolsRoutes(deps));
  };
}
