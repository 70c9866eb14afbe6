import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { answerPublicSurvey, publicSurvey } from './surveys.public';
import { presentInvitation, presentTemplate, presentWeeklySummary } from './surveys.presenter';
import { surveyResults } from './surveys.results';
import * as s from './surveys.schemas';
import * as uc from './surveys.usecases';
import { listWeeklySummaries } from './surveys.weekly';
import { customerLinkRead, customerLinkWrite, needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { surveyAnswersExport, weeklySummariesExport } from './surveys.export';

/** Survey routes (SAT-2…4): templates, invitations, call answers, results, weekly summaries. */
export function surveysRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['surveys'];

    app.get(
      '/surveys/templates',
      {
        config: needs('surveys.read'),
        schema: { tags, querystring: s.unitQuery, response: { 200: s.surveyTemplateListSchema } },
      },
      async (req) => ({
        items: (await uc.listTemplates(deps, actorOf(req), req.query.unitId)).map(presentTemplate),
      }),
    );
    app.put(
      '/surveys/templates/:code',
      {
        config: needs('surveys.manage'),
        schema: {
          tags,
          params: s.codeParams,
          body: s.saveTemplateBody,
          response: { 200: s.surveyTemplateSchema },
        },
      },
      async (req) => presentTemplate(await uc.saveTemplate(deps, actorOf(req), req.params.code, req.body)),
    );
    app.post(
      '/surveys/invitations',
      {
        config: needs('surveys.send'),
        schema: {
          tags,
          body: s.inviteBody,
          response: { 200: s.invitationOutcomeSchema, 201: s.invitationOutcomeSchema },
        },
      },
      async (req, reply) => {
        const outcome = await uc.inviteForTicket(deps, actorOf(req), req.body);
        return reply.code(outcome.created ? 201 : 200).send(outcome);
      },
    );
    app.get(
      '/surveys/invitations/:id',
      {
        config: needs('surveys.read'),
        schema: { tags, params: s.idParams, response: { 200: s.surveyInvitationSchema } },
      },
      async (req) => {
        const { invitation, unit, response } = await uc.getInvitation(deps, actorOf(req), req.params.id);
        return presentInvitation(invitation, unit, response, deps.clock.now());
      },
    );
    app.post(
      '/surveys/invitations/:id/response',
      {
        config: needs('surveys.send'),
        schema: { tags, params: s.idParams, body: s.answerBody, response: { 201: s.recordedResponseSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await uc.recordCallResponse(deps, actorOf(req), req.params.id, req.body.answers)),
    );
    app.get(
      '/surveys/results',
      {
        config: needs('surveys.read'),
        schema: { tags, querystring: s.resultsQuery, response: { 200: s.surveyResultsSchema } },
      },
      async (req) => surveyResults(deps, actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/surveys/answers/export.xlsx',
      s.resultsQuery,
      surveyAnswersExport,
      tags,
    );
    registerListExport(
      fastify,
      deps,
      '/surveys/weekly-summaries/export.xlsx',
      s.weeklyQuery.omit({ page: true, pageSize: true }),
      weeklySummariesExport,
      tags,
    );
    app.get(
      '/surveys/weekly-summaries',
      {
        config: needs('surveys.read'),
        schema: { tags, querystring: s.weeklyQuery, response: { 200: s.weeklySummaryPageSchema } },
      },
      async (req) => {
        const { items, total } = await listWeeklySummaries(deps, actorOf(req), req.query);
        return {
          items: items.map(presentWeeklySummary),
          total,
          page: req.query.page,
          pageSize: req.query.pageSize,
        };
      },
    );

    // PORTAL-2: the customer's page. No session: the link token is the credential.
    const publicTags = ['public'];
    app.get(
      '/public/surveys/:token',
      {
        config: customerLinkRead('the survey link token'),
        schema: { tags: publicTags, params: s.tokenParams, response: { 200: s.publicSurveySchema } },
      },
      async (req) => publicSurvey(deps, req.params.token),
    );
    app.post(
      '/public/surveys/:token',
      {
        config: customerLinkWrite('the survey link token'),
        schema: {
          tags: publicTags,
          params: s.tokenParams,
          body: s.answerBody,
          response: { 201: s.publicAnsweredSchema },
        },
      },
      async (req, reply) => {
        await answerPublicSurvey(deps, req.params.token, req.body.answers);
        return reply.code(201).send({ state: 'answered' });
      },
    );
  };
}
