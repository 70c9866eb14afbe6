import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../shared/common';
import * as s from '../../../shared/knowledge';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { presentArticles } from './knowledge.presenter';
import { getTerms, saveTerms, suggest } from './knowledge.suggest';
import * as uc from './knowledge.usecases';
import * as cases from './knowledge.cases';
import * as reviews from './knowledge.reviews';
import { registerListExport } from '../../app/list-export';

const unitQuery = z.strictObject({ unitId: z.uuid() });
const ticketQuery = z.strictObject({ ticketId: z.uuid() });

/** Approved answers (答客问) with versions and approval, suggestions while typing, the company's words (KB-1, KB-3, CL-2). */
export function knowledgeRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge'];
    const one = async (loaded: Parameters<typeof presentArticles>[1][number]) =>
      (await presentArticles(deps, [loaded]))[0]!;

    app.get(
      '/knowledge/articles',
      {
        config: needs('knowledge.read'),
        schema: { tags, querystring: s.listArticlesQuery, response: { 200: s.articleListResponse } },
      },
      async (req) => {
        const { total, items } = await uc.listArticles(deps, actorOf(req), req.query);
        return { total, items: await presentArticles(deps, items) };
      },
    );
    app.post(
      '/knowledge/articles',
      {
        config: needs('knowledge.manage'),
        schema: { tags, body: s.createArticleBody, response: { 201: s.articleSchema } },
      },
      async (req, reply) => {
        const article = await uc.createArticle(deps, actorOf(req), req.body);
        return reply.code(201).send(await one(await uc.getArticle(deps, actorOf(req), article.id)));
      },
    );
    app.get(
      '/knowledge/articles/:id',
      {
        config: needs('knowledge.read', 'approvals.manage', 'knowledge.manage'),
        schema: { tags, params: idParams, response: { 200: s.articleSchema } },
      },
      async (req) => one(await uc.getArticle(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/knowledge/articles/:id/versions',
      {
        config: needs('knowledge.manage'),
        schema: { tags, params: idParams, body: s.articleVersionBody, response: { 201: s.articleSchema } },
      },
      async (req, reply) => {
        await uc.reviseArticle(deps, actorOf(req), req.params.id, req.body);
        return reply.code(201).send(await one(await uc.getArticle(deps, actorOf(req), req.params.id)));
      },
    );
    app.post(
      '/knowledge/articles/:id/use',
      {
        config: needs('knowledge.read'),
        schema: {
          tags,
          params: idParams,
          body: s.useArticleBody,
          response: { 200: z.object({ usageCount: z.number().int() }) },
        },
      },
      async (req) => uc.useArticle(deps, actorOf(req), req.params.id, req.body.ticketId),
    );
    app.post(
      '/knowledge/suggestions',
      {
        config: needs('knowledge.read'),
        schema: { tags, body: s.suggestionsBody, response: { 200: s.suggestionsResponse } },
      },
      async (req) => suggest(deps, actorOf(req), req.body),
    );
    app.get(
      '/knowledge/terms',
      {
        config: needs('knowledge.read'),
        schema: { tags, querystring: unitQuery, response: { 200: s.termsSchema } },
      },
      async (req) => getTerms(deps, actorOf(req), req.query.unitId),
    );
    app.get(
      '/knowledge/case-categories',
      {
        config: needs('knowledge.read'),
        schema: {
          tags,
          querystring: unitQuery,
          response: { 200: z.object({ items: z.array(s.caseCategorySchema) }) },
        },
      },
      async (req) => ({ items: await cases.listCaseCategories(deps, actorOf(req), req.query.unitId) }),
    );
    app.put(
      '/knowledge/case-categories',
      {
        config: needs('knowledge.manage'),
        schema: {
          tags,
          body: s.caseCategoriesBody,
          response: { 200: z.object({ items: z.array(s.caseCategorySchema) }) },
        },
      },
      async (req) => ({ items: await cases.saveCaseCategories(deps, actorOf(req), req.body) }),
    );
    app.get(
      '/knowledge/cases/draft',
      {
        config: needs('knowledge.manage'),
        schema: { tags, querystring: ticketQuery, response: { 200: s.caseDraftSchema } },
      },
      async (req) => cases.caseDraftFromTicket(deps, actorOf(req), req.query.ticketId),
    );
    app.get(
      '/knowledge/cases',
      {
        config: needs('knowledge.read'),
        schema: { tags, querystring: s.listCasesQuery, response: { 200: s.caseListResponse } },
      },
      async (req) => cases.listCases(deps, actorOf(req), req.query),
    );
    app.post(
      '/knowledge/cases',
      {
        config: needs('knowledge.manage'),
        schema: { tags, body: s.caseBody, response: { 201: s.caseSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(cases.presentCase(await cases.createCase(deps, actorOf(req), req.body))),
    );
    app.get(
      '/knowledge/cases/:id',
      {
        config: needs('knowledge.read'),
        schema: { tags, params: idParams, response: { 200: s.caseSchema } },
      },
      async (req) => cases.presentCase(await cases.getCase(deps, actorOf(req), req.params.id)),
    );
    app.get(
      '/knowledge/reviews',
      {
        config: needs('knowledge.read'),
        schema: { tags, response: { 200: s.reviewProjectListResponse } },
      },
      async (req) => ({ items: await reviews.listReviewProjects(deps, actorOf(req)) }),
    );
    app.post(
      '/knowledge/reviews',
      {
        config: needs('knowledge.manage'),
        schema: { tags, body: s.reviewProjectBody, response: { 201: s.reviewChecklistSchema } },
      },
      async (req, reply) => {
        const row = await reviews.createReviewProject(deps, actorOf(req), req.body);
        return reply.code(201).send(await reviews.getReviewChecklist(deps, actorOf(req), row.id));
      },
    );
    registerListExport(
      fastify,
      deps,
      '/knowledge/reviews/export.xlsx',
      s.reviewExportQuery,
      reviews.reviewChecklistExport,
      tags,
    );
    app.get(
      '/knowledge/reviews/:id',
      {
        config: needs('knowledge.read'),
        schema: { tags, params: idParams, response: { 200: s.reviewChecklistSchema } },
      },
      async (req) => reviews.getReviewChecklist(deps, actorOf(req), req.params.id),
    );
    // KB-3: name, categories and departments edited; a department that signed, or a category with
    // sign-offs or a cause analysis, cannot be removed (409): sign-offs stay visible.
    app.put(
      '/knowledge/reviews/:id',
      {
        config: needs('knowledge.manage'),
        schema: {
          tags,
          params: idParams,
          body: s.reviewProjectUpdateBody,
          response: { 200: s.reviewChecklistSchema },
        },
      },
      async (req) => {
        await reviews.updateReviewProject(deps, actorOf(req), req.params.id, req.body);
        return reviews.getReviewChecklist(deps, actorOf(req), req.params.id);
      },
    );
    app.put(
      '/knowledge/reviews/:id/causes',
      {
        config: needs('knowledge.manage'),
        schema: {
          tags,
          params: idParams,
          body: s.reviewCausesBody,
          response: { 200: s.reviewChecklistSchema },
        },
      },
      async (req) => {
        await reviews.saveReviewCauses(deps, actorOf(req), req.params.id, req.body.causes);
        return reviews.getReviewChecklist(deps, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/knowledge/reviews/:id/signoffs',
      {
        config: needs('knowledge.review'),
        schema: {
          tags,
          params: idParams,
          body: s.reviewSignoffBody,
          response: { 201: s.reviewChecklistSchema },
        },
      },
      async (req, reply) => {
        await reviews.signOffReviewCase(deps, actorOf(req), req.params.id, req.body);
        return reply.code(201).send(await reviews.getReviewChecklist(deps, actorOf(req), req.params.id));
      },
    );
    app.put(
      '/knowledge/terms',
      {
        config: needs('knowledge.manage'),
        schema: { tags, querystring: unitQuery, body: s.termsBody, response: { 200: s.termsSchema } },
      },
      async (req) => saveTerms(deps, actorOf(req), req.query.unitId, req.body),
    );
  };
}
