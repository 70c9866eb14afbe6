import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/common';
import * as s from '../../../shared/journeys';
import type { Deps } from '../../app/context';
import { registerListExport } from '../../app/list-export';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { journeysExport } from './journeys.export';
import { presentJourney, presentSummaries, presentTemplate } from './journeys.presenter';
import * as uc from './journeys.usecases';

/** Journeys (JRN-1…8): versioned templates, journeys started for customers, their stages. */
export function journeysRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['journeys'];
    const show = async (req: Parameters<typeof actorOf>[0], id: string) =>
      presentJourney(deps.db, await uc.getJourney(deps, actorOf(req), id), deps.clock.now());

    app.get(
      '/journeys/templates',
      { config: needs('journeys.read'), schema: { tags, response: { 200: s.templatesResponse } } },
      async (req) => ({ items: (await uc.listTemplates(deps, actorOf(req))).map(presentTemplate) }),
    );
    app.post(
      '/journeys/templates',
      {
        config: needs('journeys.templates.manage'),
        schema: { tags, body: s.templateBody, response: { 201: s.templateSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentTemplate(await uc.saveTemplateVersion(deps, actorOf(req), req.body))),
    );
    app.get(
      '/journeys',
      {
        config: needs('journeys.read'),
        schema: { tags, querystring: s.listJourneysQuery, response: { 200: s.journeyListResponse } },
      },
      async (req) => {
        const { rows, total, now } = await uc.listJourneys(deps, actorOf(req), req.query);
        return { items: await presentSummaries(deps.db, rows, now), total };
      },
    );
    registerListExport(fastify, deps, '/journeys/export.xlsx', s.listJourneysQuery, journeysExport, tags);
    app.post(
      '/journeys',
      {
        config: needs('journeys.run'),
        schema: { tags, body: s.startJourneyBody, response: { 201: s.journeySchema } },
      },
      async (req, reply) => {
        const row = await uc.startJourney(deps, actorOf(req), req.body);
        return reply.code(201).send(await show(req, row.id));
      },
    );
    app.get(
      '/journeys/:id',
      {
        config: needs('journeys.read'),
        schema: { tags, params: idParams, response: { 200: s.journeySchema } },
      },
      async (req) => show(req, req.params.id),
    );
    app.post(
      '/journeys/:id/record',
      {
        config: needs('journeys.run'),
        schema: { tags, params: idParams, body: s.recordBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.recordItems(deps, actorOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );
    app.post(
      '/journeys/:id/payments',
      {
        config: needs('journeys.run'),
        schema: { tags, params: idParams, body: s.paymentBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.recordPayment(deps, actorOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );
    app.post(
      '/journeys/:id/approvals',
      {
        config: needs('journeys.run'),
        schema: { tags, params: idParams, body: s.approvalBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.requestApproval(deps, actorOf(req), req.params.id, req.body.key);
        return show(req, req.params.id);
      },
    );
    app.post(
      '/journeys/:id/cancel',
      {
        config: needs('journeys.close'),
        schema: { tags, params: idParams, body: s.cancelBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.cancelJourney(deps, actorOf(req), req.params.id, req.body.reason);
        return show(req, req.params.id);
      },
    );
    app.post(
      '/journeys/:id/links',
      {
        config: needs('journeys.run'),
        schema: { tags, params: idParams, body: s.linkBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.linkSubject(deps, actorOf(req), req.params.id, req.body);
        return show(req, req.params.id);
      },
    );
    app.delete(
      '/journeys/:id/links/:linkId',
      {
        config: needs('journeys.run'),
        schema: { tags, params: s.linkParams, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.unlinkSubject(deps, actorOf(req), req.params.id, req.params.linkId);
        return show(req, req.params.id);
      },
    );
    app.get(
      '/journeys/linked',
      {
        config: needs('journeys.read'),
        schema: { tags, querystring: s.linkedQuery, response: { 200: s.linkedJourneysResponse } },
      },
      async (req) => {
        const { rows, now } = await uc.journeysLinkedTo(
          deps,
          actorOf(req),
          req.query.subjectType,
          req.query.subjectId,
        );
        return { items: await presentSummaries(deps.db, rows, now) };
      },
    );
    app.post(
      '/journeys/:id/leave',
      {
        config: needs('journeys.run'),
        schema: { tags, params: idParams, body: s.leaveBody, response: { 200: s.journeySchema } },
      },
      async (req) => {
        await uc.leaveStage(deps, actorOf(req), req.params.id, req.body.answer);
        return show(req, req.params.id);
      },
    );
  };
}
