import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.plugin';
import * as s from './messages.schemas';
import * as prefs from './preferences.usecases';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Messages: outbox, templates, contact hours and marketing opt-out (CARE-4). */
export function messagesRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['messages'];
    const presentOptOut = (v: prefs.OptOutView) => ({ ...v, recordedAt: iso(v.recordedAt) });

    app.get(
      '/messages/contact-hours/:unitId',
      { schema: { tags, params: s.unitParams, response: { 200: s.contactHoursSchema } } },
      async (req) => prefs.getContactHours(deps, actorOf(req), req.params.unitId),
    );
    app.put(
      '/messages/contact-hours/:unitId',
      {
        schema: {
          tags,
          params: s.unitParams,
          body: s.contactHoursBody,
          response: { 200: s.contactHoursSchema },
        },
      },
      async (req) => prefs.setContactHours(deps, actorOf(req), req.params.unitId, req.body.hours),
    );
    app.get(
      '/customers/:customerId/marketing-opt-out',
      { schema: { tags, params: s.customerParams, response: { 200: s.optOutSchema } } },
      async (req) => presentOptOut(await prefs.getMarketingOptOut(deps, actorOf(req), req.params.customerId)),
    );
    app.put(
      '/customers/:customerId/marketing-opt-out',
      { schema: { tags, params: s.customerParams, body: s.optOutBody, response: { 200: s.optOutSchema } } },
      async (req) =>
        presentOptOut(await prefs.setMarketingOptOut(deps, actorOf(req), req.params.customerId, req.body)),
    );
  };
}
