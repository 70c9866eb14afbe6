import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as s from './calendar.schemas';
import * as uc from './calendar.usecases';
import { clearOrgCachesOnWrites } from '../org/org.service';
import { needs, signedIn } from '../../app/route-access';
import { fileDownload } from '../../../shared/common';

const icsText = (body: string | { ics: string }) => (typeof body === 'string' ? body : body.ics);

/** Working calendars (SLA-1): effective calendar, overrides, year view, ICS import/export. */
export function calendarRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    clearOrgCachesOnWrites(fastify, deps);
    // Encapsulated in this plugin: only the calendar routes accept a raw ICS body.
    fastify.addContentTypeParser('text/calendar', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['calendar'];

    app.get(
      '/calendars/:unitId',
      {
        config: needs('calendar.read'),
        schema: { tags, params: s.unitParams, response: { 200: s.calendarResponse } },
      },
      async (req) => uc.getCalendar(deps, actorOf(req), req.params.unitId),
    );
    app.put(
      '/calendars/:unitId',
      {
        config: needs('calendar.manage'),
        schema: {
          tags,
          params: s.unitParams,
          body: s.putCalendarBody,
          response: { 200: s.calendarResponse },
        },
      },
      async (req) => uc.putCalendar(deps, actorOf(req), req.params.unitId, req.body),
    );
    app.get(
      '/calendars/:unitId/year/:year',
      {
        config: needs('calendar.read'),
        schema: { tags, params: s.yearParams, response: { 200: s.yearResponse } },
      },
      async (req) => uc.getYear(deps, actorOf(req), req.params.unitId, req.params.year),
    );
    app.get(
      '/calendars/:unitId/non-working-days',
      {
        config: signedIn('a unit the caller works in, above or below it (calendar.usecases worksIn)'),
        schema: {
          tags,
          params: s.nonWorkingDaysParams,
          querystring: s.nonWorkingDaysQuery,
          response: { 200: s.nonWorkingDaysResponse },
        },
      },
      async (req) => uc.getNonWorkingDays(deps, actorOf(req), req.params.unitId, req.query),
    );
    app.post(
      '/calendars/:unitId/ics/preview',
      {
        config: needs('calendar.manage'),
        schema: { tags, params: s.unitParams, body: s.icsBody, response: { 200: s.previewResponse } },
      },
      async (req) => uc.previewIcs(deps, actorOf(req), req.params.unitId, icsText(req.body)),
    );
    app.post(
      '/calendars/:unitId/ics/import',
      {
        config: needs('calendar.manage'),
        schema: {
          tags,
          params: s.unitParams,
          querystring: s.importQuery,
          body: s.icsBody,
          response: { 200: s.importResponse },
        },
      },
      async (req) =>
        uc.importIcs(
          deps,
          actorOf(req),
          req.params.unitId,
          icsText(req.body),
          req.query.markOfficial !== 'false',
        ),
    );
    app.get(
      '/calendars/:unitId/ics/export',
      {
        config: needs('calendar.read'),
        schema: {
          tags,
          params: s.unitParams,
          querystring: s.exportQuery,
          response: {
            200: fileDownload('text/calendar', '日历（iCalendar） / The year as an iCalendar file'),
          },
        },
      },
      async (req, reply) => {
        const { filename, ics } = await uc.exportIcs(deps, actorOf(req), req.params.unitId, req.query.year);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(ics);
      },
    );
  };
}
