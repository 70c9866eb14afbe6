import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { signedIn } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { presentNotification } from './notifications.presenter';
import * as s from './notifications.schemas';
import * as uc from './notifications.usecases';

/** The caller's in-app notices: SLA escalations (SLA-8), close-out turns, replies, summaries. */
export function notificationsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    // Listed under the SLA tag, where the API document has always shown them.
    const tags = ['sla'];
    app.get(
      '/notifications',
      {
        config: signedIn('the caller’s own notifications'),
        schema: {
          tags,
          querystring: s.listNotificationsQuery,
          response: {
            200: z.object({ items: z.array(s.notificationSchema), total: z.number(), unread: z.number() }),
          },
        },
      },
      async (req) => {
        const r = await uc.listMyNotifications(deps, actorOf(req), {
          unreadOnly: req.query.unread === 'true',
          page: req.query.page,
          pageSize: req.query.pageSize,
        });
        return { ...r, items: r.items.map(presentNotification) };
      },
    );
    app.post(
      '/notifications/read-all',
      {
        config: signedIn('the caller’s own notifications'),
        schema: {
          tags,
          description: '把我的未读通知全部标为已读 / Marks all of the caller’s unread notifications read',
          body: z.strictObject({}).optional(),
          response: { 200: z.object({ updated: z.number() }) },
        },
      },
      async (req) => uc.markAllNotificationsRead(deps, actorOf(req)),
    );
    app.post(
      '/notifications/:id/read',
      {
        config: signedIn('the caller’s own notifications'),
        schema: {
          tags,
          params: s.idParams,
          body: z.strictObject({}).optional(),
          response: { 200: s.notificationSchema },
        },
      },
      async (req) => presentNotification(await uc.markNotificationRead(deps, actorOf(req), req.params.id)),
    );
  };
}
