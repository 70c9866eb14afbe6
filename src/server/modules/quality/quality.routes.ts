import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as s from '../../../shared/quality';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { fileDownload, XLSX } from '../../../shared/common';
import { qualityWorkbook } from './quality.export';
import { getForm, saveForm } from './quality.forms';
import { getQualityReview, listQualityReviews, qualityFigures } from './quality.queries';
import {
  appealQualityReview,
  decideQualityAppeal,
  drawQualitySample,
  scoreQualityReview,
} from './quality.usecases';

/** Quality review routes (质检, RPT-7): form, sample, score, appeal, decision, monthly figures. */
export function qualityRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['quality'];

    app.get(
      '/quality/form',
      {
        config: needs('quality.review', 'quality.manage', 'quality.view_own'),
        schema: { tags, querystring: s.unitQuery, response: { 200: s.formSchema } },
      },
      async (req) => getForm(deps, actorOf(req), req.query.unitId),
    );
    app.put(
      '/quality/form',
      {
        config: needs('quality.manage'),
        schema: { tags, body: s.saveFormBody, response: { 200: s.formSchema } },
      },
      async (req) => saveForm(deps, actorOf(req), req.body),
    );
    app.post(
      '/quality/samples',
      {
        config: needs('quality.review'),
        schema: { tags, body: s.sampleBody, response: { 201: s.sampleResultSchema } },
      },
      async (req, reply) => reply.code(201).send(await drawQualitySample(deps, actorOf(req), req.body)),
    );
    app.get(
      '/quality/reviews',
      {
        config: needs('quality.review', 'quality.view_own'),
        schema: { tags, querystring: s.listReviewsQuery, response: { 200: s.reviewPageSchema } },
      },
      async (req) => listQualityReviews(deps, actorOf(req), req.query),
    );
    app.get(
      '/quality/reviews/:id',
      {
        config: needs('quality.review', 'quality.view_own'),
        schema: { tags, params: s.idParams, response: { 200: s.reviewDetailSchema } },
      },
      async (req) => getQualityReview(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/quality/reviews/:id/score',
      {
        config: needs('quality.review'),
        schema: { tags, params: s.idParams, body: s.scoreBody, response: { 200: s.reviewDetailSchema } },
      },
      async (req) => {
        await scoreQualityReview(deps, actorOf(req), req.params.id, req.body);
        return getQualityReview(deps, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/quality/reviews/:id/appeal',
      {
        config: needs('quality.view_own'),
        schema: { tags, params: s.idParams, body: s.appealBody, response: { 200: s.reviewDetailSchema } },
      },
      async (req) => {
        await appealQualityReview(deps, actorOf(req), req.params.id, req.body.reason);
        return getQualityReview(deps, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/quality/reviews/:id/decision',
      {
        config: needs('quality.review'),
        schema: { tags, params: s.idParams, body: s.decisionBody, response: { 200: s.reviewDetailSchema } },
      },
      async (req) => {
        await decideQualityAppeal(deps, actorOf(req), req.params.id, req.body);
        return getQualityReview(deps, actorOf(req), req.params.id);
      },
    );
    app.get(
      '/quality/figures',
      {
        config: needs('quality.review', 'quality.view_own'),
        schema: { tags, querystring: s.figuresQuery, response: { 200: s.figuresSchema } },
      },
      async (req) => qualityFigures(deps, actorOf(req), req.query),
    );
    app.get(
      '/quality/figures.xlsx',
      {
        config: needs('quality.review', 'quality.view_own'),
        schema: {
          tags,
          querystring: s.figuresQuery,
          response: {
            200: fileDownload(XLSX, '质检月报（Excel） / The month’s quality review as an Excel workbook'),
          },
        },
      },
      async (req, reply) => {
        const file = await qualityWorkbook(deps, actorOf(req), req.query);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', file.disposition)
          .send(file.body);
      },
    );
  };
}
