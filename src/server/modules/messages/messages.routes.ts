import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentAttempt, presentMessage, presentTemplate, variableCatalogue } from './messages.presenter';
import { providersOf } from './messages.providers';
import * as s from './messages.schemas';
import * as outbox from './outbox.usecases';
import * as prefs from './preferences.usecases';
import { receiptAuthorised, recordReceipt } from './receipts.usecases';
import { messageErrors } from './messages.errors';
import * as templates from './templates.usecases';
import { needs, publicRoute } from '../../app/route-access';
import { noContent } from '../../../shared/common';
import { registerListExport } from '../../app/list-export';
import { outboxExport, templatesExport } from './messages.export';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Messages: outbox, templates, contact hours and marketing opt-out (CARE-4). */
export function messagesRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['messages'];
    const presentOptOut = (v: prefs.OptOutView) => ({ ...v, recordedAt: iso(v.recordedAt) });
    const presentDetail = (m: Awaited<ReturnType<typeof outbox.getMessage>>) => ({
      ...presentMessage(m),
      attemptLog: m.attemptLog.map(presentAttempt),
    });

    app.get(
      '/messages',
      {
        config: needs('messages.read'),
        schema: { tags, querystring: s.listMessagesQuery, response: { 200: s.messageListSchema } },
      },
      async (req) => {
        const r = await outbox.listMessages(deps, actorOf(req), req.query);
        return { items: r.items.map(presentMessage), total: r.total };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/messages/export.xlsx',
      s.listMessagesQuery.omit({ page: true, pageSize: true }),
      outboxExport,
      tags,
    );
    app.get(
      '/messages/providers',
      { config: needs('messages.read'), schema: { tags, response: { 200: s.providersSchema } } },
      async (req) => {
        prefs.assertReadsMessages(actorOf(req));
        const p = providersOf(deps.config);
        return {
          sms: { provider: p.sms.name, sendsForReal: p.sms.sendsForReal },
          email: { provider: p.email.name, sendsForReal: p.email.sendsForReal },
        };
      },
    );
    app.get(
      '/messages/templates',
      {
        config: needs('messages.read'),
        schema: { tags, querystring: s.listTemplatesQuery, response: { 200: s.templateListSchema } },
      },
      async (req) => ({
        items: (await templates.listTemplates(deps, actorOf(req), req.query.unitId)).map(presentTemplate),
        variables: variableCatalogue(),
      }),
    );
    registerListExport(
      fastify,
      deps,
      '/messages/templates/export.xlsx',
      s.listTemplatesQuery,
      templatesExport,
      tags,
    );
    app.post(
      '/messages/templates',
      {
        config: needs('messages.templates.manage'),
        schema: { tags, body: s.createTemplateBody, response: { 201: s.templateSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentTemplate(await templates.createTemplate(deps, actorOf(req), req.body))),
    );
    app.post(
      '/messages/templates/preview',
      {
        config: needs('messages.read'),
        schema: { tags, body: s.previewBody, response: { 200: s.previewSchema } },
      },
      async (req) => templates.previewTemplate(actorOf(req), req.body),
    );
    app.patch(
      '/messages/templates/:id',
      {
        config: needs('messages.templates.manage'),
        schema: { tags, params: s.idParams, body: s.updateTemplateBody, response: { 200: s.templateSchema } },
      },
      async (req) =>
        presentTemplate(await templates.updateTemplate(deps, actorOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/messages/templates/:id',
      {
        config: needs('messages.templates.manage'),
        schema: { tags, params: s.idParams, response: { 204: noContent } },
      },
      async (req, reply) => {
        await templates.deleteTemplate(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
    // The SMS gateway's delivery receipts: no session, the webhook secret as bearer token.
    app.post(
      '/messages/receipts',
      {
        config: publicRoute('the SMS gateway’s webhook secret as bearer token'),
        schema: { tags, body: s.receiptBody, response: { 200: s.receiptSchema } },
      },
      async (req) => {
        if (!receiptAuthorised(deps, req.headers.authorization)) throw messageErrors.receiptUnauthorised();
        return recordReceipt(deps, req.body);
      },
    );
    app.get(
      '/messages/:id',
      {
        config: needs('messages.read'),
        schema: { tags, params: s.idParams, response: { 200: s.messageDetailSchema } },
      },
      async (req) => presentDetail(await outbox.getMessage(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/messages/:id/cancel',
      {
        config: needs('messages.manage'),
        schema: { tags, params: s.idParams, body: s.cancelBody, response: { 200: s.messageDetailSchema } },
      },
      async (req) =>
        presentDetail(await outbox.cancelMessage(deps, actorOf(req), req.params.id, req.body.reason)),
    );
    app.post(
      '/messages/:id/retry',
      {
        config: needs('messages.manage'),
        schema: { tags, params: s.idParams, response: { 200: s.messageDetailSchema } },
      },
      async (req) => presentDetail(await outbox.retryMessage(deps, actorOf(req), req.params.id)),
    );

    app.get(
      '/messages/contact-hours/:unitId',
      {
        config: needs('messages.read'),
        schema: { tags, params: s.unitParams, response: { 200: s.contactHoursSchema } },
      },
      async (req) => prefs.getContactHours(deps, actorOf(req), req.params.unitId),
    );
    app.put(
      '/messages/contact-hours/:unitId',
      {
        config: needs('messages.manage'),
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
      {
        config: needs('customers.read'),
        schema: { tags, params: s.customerParams, response: { 200: s.optOutSchema } },
      },
      async (req) => presentOptOut(await prefs.getMarketingOptOut(deps, actorOf(req), req.params.customerId)),
    );
    app.put(
      '/customers/:customerId/marketing-opt-out',
      {
        config: needs('customers.manage'),
        schema: { tags, params: s.customerParams, body: s.optOutBody, response: { 200: s.optOutSchema } },
      },
      async (req) =>
        presentOptOut(await prefs.setMarketingOptOut(deps, actorOf(req), req.params.customerId, req.body)),
    );
  };
}
