import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentInbox } from './complaints.presenter';
import { departmentInboxQuery, departmentInboxSchema, departmentReplyBody } from './complaints.schemas';
import { departmentInbox, fileDepartmentReply } from './department-replies.usecases';
import { presentTicketDetail, getTicket, idParams, ticketDetailSchema } from '../tickets/tickets.service';
import { needs } from '../../app/route-access';

/** Department handling (CMP-3, SLA-3): the department's inbox and its reply form. */
export function departmentRepliesRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tickets'];
    app.get(
      '/department-inbox',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: departmentInboxQuery, response: { 200: departmentInboxSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentInbox(deps, actor, await departmentInbox(deps, actor, req.query.departmentId));
      },
    );
    app.post(
      '/tickets/:id/department-replies',
      {
        config: needs('tickets.manage'),
        schema: { tags, params: idParams, body: departmentReplyBody, response: { 200: ticketDetailSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        await fileDepartmentReply(deps, actor, req.params.id, req.body);
        return presentTicketDetail(deps, actor, await getTicket(deps, actor, req.params.id));
      },
    );
  };
}
