import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { lapsedQuery, lapsedReportSchema } from '../../../shared/care-reports';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { lapsedReport, lapsedWorkbook } from './care.lapsed';
import { fileDownload, XLSX } from '../../../shared/common';

/** RPT-4: the lapsed-customer analysis and its Excel export. */
export function careReportsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['care'];
    app.get(
      '/care/reports/lapsed',
      {
        config: needs('care.read'),
        schema: { tags, querystring: lapsedQuery, response: { 200: lapsedReportSchema } },
      },
      async (req) => lapsedReport(deps, actorOf(req), req.query),
    );
    app.get(
      '/care/reports/lapsed.xlsx',
      {
        config: needs('care.read'),
        schema: {
          tags,
          querystring: lapsedQuery,
          response: {
            200: fileDownload(XLSX, '流失客户分析（Excel） / Lapsed customers as an Excel workbook'),
          },
        },
      },
      async (req, reply) => {
        const file = await lapsedWorkbook(deps, actorOf(req), req.query);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', file.disposition)
          .send(file.body);
      },
    );
  };
}
