import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileDownload, idParams, XLSX } from '../../../shared/common';
import {
  improvementActionSchema,
  improvementBody,
  improvementPatch,
  monthlyQuery,
  monthlyReportSchema,
} from '../../../shared/satisfaction-reports';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import {
  addImprovementAction,
  monthlyReport,
  monthlyWorkbook,
  updateImprovementAction,
} from './surveys.monthly';

/** RPT-5 / SAT-4: the monthly satisfaction report, its Excel export and the improvement plan. */
export function surveysReportsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['surveys'];
    app.get(
      '/surveys/monthly-report',
      {
        config: needs('surveys.read'),
        schema: { tags, querystring: monthlyQuery, response: { 200: monthlyReportSchema } },
      },
      async (req) => monthlyReport(deps, actorOf(req), req.query),
    );
    app.get(
      '/surveys/monthly-report.xlsx',
      {
        config: needs('surveys.read'),
        schema: {
          tags,
          querystring: monthlyQuery,
          response: {
            200: fileDownload(
              XLSX,
              '月度满意度报告（Excel） / The monthly satisfaction report as an Excel workbook',
            ),
          },
        },
      },
      async (req, reply) => {
        const file = await monthlyWorkbook(deps, actorOf(req), req.query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', file.disposition)
          .send(file.body);
      },
    );
    app.post(
      '/surveys/improvement-actions',
      {
        config: needs('surveys.manage'),
        schema: { tags, body: improvementBody, response: { 201: improvementActionSchema } },
      },
      async (req, reply) => reply.code(201).send(await addImprovementAction(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/surveys/improvement-actions/:id',
      {
        config: needs('surveys.manage'),
        schema: {
          tags,
          params: idParams,
          body: improvementPatch,
          response: { 200: improvementActionSchema },
        },
      },
      async (req) => updateImprovementAction(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
