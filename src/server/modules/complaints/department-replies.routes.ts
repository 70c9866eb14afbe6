import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentDepartmentReplies, presentInbox } from './complaints.presenter';
import {
  departmentInboxQuery,
  departmentInboxSchema,
  departmentReplyBody,
  departmentReplyListSchema,
} from './complaints.schemas';
import { departmentInbox, departmentRepliesOn, fileDepartmentReply } from './department-replies.usecases';
import { presentTicketDetail, getTicket, idParams, ticketDetailSchema } from '../tickets/tickets.service';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { departmentInboxExport } from './complaints.export';

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
    registerListExport(
      fastify,
      deps,
      '/department-inbox/export.xlsx',
      departmentInboxQuery,
      departmentInboxExport,
      tags,
    );
    // CMP-3: what the departments answered, for whoever may read the ticket: the intake agent who
    // tells the customer, the close-out owners, the department itself.
    app.get(
      '/tickets/:id/department-replies',
      {
        config: needs('tickets.read'),
        schema: { tags, params: idParams, response: { 200: departmentReplyListSchema } },
      },
      async (req) =>
        presentDepartmentReplies(deps, await departmentRepliesOn(deps, actorOf(req), req.params.id)),
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
