import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/reports';
import type { Deps } from '../../app/context';
import { lagTolerantDb } from '../../app/db';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { prepareReportExport } from './reports.export';
import { assessmentReport, drillDown, monthlyReport, nonconformityReport } from './reports.queries';
import { refreshRollups, rollupFreshness } from './reports.rollups';
import * as uc from './reports.usecases';
import { fileDownload, noContent, XLSX } from '../../../shared/common';

/** Report routes (RPT-2, RPT-3, RPT-6, CMP-10): views, drill-down, exports, analyses, settings, deliveries. */
export function reportsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const read = needs('reports.read');
    // The report pages tolerate replication lag: read from the replica when there is one.
    const lagging: Deps = { ...deps, db: lagTolerantDb(deps) };

    app.get(
      '/reports/monthly',
      {
        config: read,
        schema: { tags, querystring: s.reportQuery, response: { 200: s.monthlyReportSchema } },
      },
      async (req) => monthlyReport(lagging, actorOf(req), req.query),
    );
    app.get(
      '/reports/assessment',
      {
        config: read,
        schema: { tags, querystring: s.reportQuery, response: { 200: s.assessmentReportSchema } },
      },
      async (req) => assessmentReport(lagging, actorOf(req), req.query),
    );
    app.get(
      '/reports/nonconformity',
      {
        config: read,
        schema: { tags, querystring: s.reportQuery, response: { 200: s.nonconformityReportSchema } },
      },
      async (req) => nonconformityReport(lagging, actorOf(req), req.query),
    );
    app.get(
      '/reports/tickets',
      { config: read, schema: { tags, querystring: s.drillDownQuery, response: { 200: s.drillDownSchema } } },
      async (req) => drillDown(lagging, actorOf(req), req.query),
    );
    app.get(
      '/reports/:kind/export.xlsx',
      {
        config: needs('reports.export'),
        schema: {
          tags,
          params: z.strictObject({ kind: z.enum(s.REPORT_KINDS) }),
          querystring: s.reportQuery,
          response: { 200: fileDownload(XLSX, '报表导出（Excel） / The report as an Excel workbook') },
        },
      },
      async (req, reply) => {
        const prepared = await prepareReportExport(deps, actorOf(req), req.params.kind, req.query);
        const out = new PassThrough();
        prepared.write(out).catch((err: unknown) => {
          req.log.error({ err }, 'report export failed while streaming');
          out.destroy(err as Error);
        });
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(prepared.filename)}`,
          )
          .header('x-export-rows', String(prepared.rowCount))
          .send(out);
      },
    );

    app.get(
      '/reports/analyses',
      {
        config: read,
        schema: { tags, querystring: s.analysisQuery, response: { 200: s.analysisHistorySchema } },
      },
      async (req) => uc.analysisHistory(deps, actorOf(req), req.query),
    );
    app.post(
      '/reports/analyses',
      {
        config: needs('reports.analysis.write'),
        schema: { tags, body: s.saveAnalysisBody, response: { 201: s.analysisVersionSchema } },
      },
      async (req, reply) => reply.code(201).send(await uc.saveAnalysis(deps, actorOf(req), req.body)),
    );
    app.post(
      '/reports/analyses/:id/sign',
      {
        config: needs('reports.analysis.write'),
        schema: {
          tags,
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: s.analysisVersionSchema },
        },
      },
      async (req) => uc.signAnalysis(deps, actorOf(req), req.params.id),
    );

    app.get(
      '/reports/settings',
      { config: read, schema: { tags, querystring: s.settingsQuery, response: { 200: s.settingsSchema } } },
      async (req) => uc.reportSettingsOf(deps, actorOf(req), req.query.unitId),
    );
    app.put(
      '/reports/settings',
      {
        config: needs('reports.manage'),
        schema: {
          tags,
          querystring: s.settingsQuery,
          body: s.saveSettingsBody,
          response: { 200: s.settingsSchema },
        },
      },
      async (req) => uc.saveReportSettings(deps, actorOf(req), req.query.unitId, req.body.cutOffDay),
    );

    app.get(
      '/reports/subscriptions',
      { config: needs('reports.manage'), schema: { tags, response: { 200: s.subscriptionListSchema } } },
      async (req) => ({ items: await uc.listSubscriptions(deps, actorOf(req)) }),
    );
    app.post(
      '/reports/subscriptions',
      {
        config: needs('reports.manage'),
        schema: { tags, body: s.subscriptionBody, response: { 201: s.subscriptionSchema } },
      },
      async (req, reply) => reply.code(201).send(await uc.createSubscription(deps, actorOf(req), req.body)),
    );
    app.delete(
      '/reports/subscriptions/:id',
      {
        config: needs('reports.manage'),
        schema: { tags, params: z.strictObject({ id: z.uuid() }), response: { 204: noContent } },
      },
      async (req, reply) => {
        await uc.deleteSubscription(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );

    // The page's "refresh now": the same pass the scheduler runs (another instance's pass wins a race).
    app.post(
      '/reports/refresh',
      { config: read, schema: { tags, response: { 200: s.refreshSchema } } },
      async () => {
        const outcome = await refreshRollups(deps);
        const fresh = await rollupFreshness(deps.db);
        return { asOf: fresh.asOf?.toISOString() ?? null, daysRefreshed: outcome.rowsTaken };
      },
    );
  };
}
