import { timingSafeEqual } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { scopeOf } from '../org/org.service';
import { createCallHub } from './telephony.hub';
import { telephonyErrors } from './telephony.errors';
import * as uc from './telephony.usecases';
import { openRecording, storeCallRecords, ticketCalls } from './telephony.calls';
import { HANGUP_CAUSES } from './telephony.table';
import { hotlineReport, prepareHotlineExport, refreshHotline } from './telephony.hotline';
import { hotlineQuery, hotlineRefreshSchema, hotlineReportSchema } from '../../../shared/telephony';
import { needs, publicRoute, signedIn } from '../../app/route-access';
import { eventStream, fileDownload, XLSX } from '../../../shared/common';

const HEARTBEAT_MS = 15_000;

const callEventBody = z.strictObject({
  event: z.enum(['ringing', 'answered', 'ended']),
  callId: z.string().trim().min(1).max(100),
  callerNumber: z.string().trim().min(1).max(40),
  line: z.string().trim().max(40).optional(),
  agentExtension: z.string().trim().min(1).max(20).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
const instant = z.iso.datetime({ offset: true });
/** One after-call record (话单) as the vendor sends it; a batch carries up to 100. */
const callRecordBody = z.strictObject({
  callId: z.string().trim().min(1).max(100),
  callerNumber: z.string().trim().min(1).max(40),
  line: z.string().trim().max(40).optional(),
  agentExtension: z.string().trim().min(1).max(20).optional(),
  ringingAt: instant.optional(),
  answeredAt: instant.optional(),
  endedAt: instant,
  durationSeconds: z.int().min(0).max(86_400),
  hangupCause: z.enum(HANGUP_CAUSES),
  vendorCause: z.string().trim().max(100).optional(),
  recordingUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
const callRecordsBody = z.strictObject({ records: z.array(callRecordBody).min(1).max(100) });
const callRecordsResponse = z.object({
  results: z.array(
    z.union([
      z.object({ callId: z.string(), status: z.enum(['stored', 'duplicate']), contactId: z.string() }),
      z.object({ callId: z.string(), status: z.literal('rejected'), code: z.string(), message: z.string() }),
    ]),
  ),
});
const ticketParams = z.strictObject({ ticketId: z.uuid() });
const contactParams = z.strictObject({ contactId: z.uuid() });
const ticketCallsSchema = z.array(
  z.object({
    contactId: z.string(),
    callId: z.string(),
    ringingAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    hangupCause: z.enum(HANGUP_CAUSES).nullable(),
    hasRecording: z.boolean(),
    recordingPath: z.string().nullable(),
  }),
);
const callParams = z.strictObject({ callId: z.string().trim().min(1).max(100) });
const callCustomerBody = z.strictObject({ customerId: z.uuid() });
const callCustomerSchema = z.object({ contactId: z.string(), customerId: z.string() });
const extensionSchema = z.object({ userId: z.string(), extension: z.string().nullable() });
const userParams = z.strictObject({ userId: z.uuid() });
const extensionBody = z.strictObject({
  extension: z
    .string()
    .trim()
    .regex(/^[0-9*#]{1,20}$/, '分机号只能是数字 / digits only')
    .nullable(),
});

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Caller identification (IN-3): call events in, caller pop-ups out over Server-Sent Events. */
export function telephonyRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['telephony'];
    const hub = createCallHub(deps);
    const openStreams = new Set<() => void>();
    // Open streams never go idle, so the server could not close while one is open.
    fastify.addHook('preClose', async () => {
      for (const end of openStreams) end();
    });

    /** The integration's bearer token (when configured) or a signed-in person (the simulate button). */
    const posterOf = (req: FastifyRequest): Actor | null => {
      const header = req.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        const token = deps.config.telephonyToken;
        if (!token || !sameToken(header.slice(7).trim(), token)) throw telephonyErrors.tokenInvalid();
        return null;
      }
      return actorOf(req);
    };

    app.post(
      '/telephony/events',
      {
        config: publicRoute(
          'the integration’s bearer token, or a signed-in person with telephony.receive for their own extension (checked in the route)',
        ),
        schema: {
          tags,
          body: callEventBody,
          response: {
            202: z.object({ delivered: z.number(), contactId: z.string().nullable() }),
          },
        },
      },
      async (req, reply) =>
        reply.code(202).send(await uc.handleCallEvent(deps, hub, posterOf(req), req.body)),
    );

    // The vendor's after-call callback: a batch of records, idempotent per call id. Only the
    // integration's bearer token is accepted; a wrong or missing one is refused and logged.
    app.post(
      '/telephony/call-records',
      {
        config: publicRoute('the telephony integration’s bearer token (checked in the route)'),
        schema: { tags, body: callRecordsBody, response: { 200: callRecordsResponse } },
      },
      async (req) => {
        const header = req.headers.authorization;
        const token = deps.config.telephonyToken;
        if (!token || !header?.startsWith('Bearer ') || !sameToken(header.slice(7).trim(), token)) {
          req.log.warn({ ip: req.ip, records: req.body.records.length }, 'call records refused: bad token');
          throw telephonyErrors.tokenInvalid();
        }
        return storeCallRecords(deps, req.body.records);
      },
    );

    app.get(
      '/telephony/tickets/:ticketId/calls',
      {
        config: needs('tickets.read'),
        schema: { tags, params: ticketParams, response: { 200: ticketCallsSchema } },
      },
      async (req) => ticketCalls(deps, actorOf(req), req.params.ticketId),
    );

    app.get(
      '/telephony/recordings/:contactId',
      {
        config: needs('telephony.recordings.play'),
        schema: {
          tags,
          params: contactParams,
          response: {
            200: fileDownload(
              'audio/*',
              '通话录音（经 Kefu 转发） / The call recording, passed through Kefu',
            ),
            206: fileDownload('audio/*', '录音的一段（播放器拖动进度） / A byte range of the recording'),
          },
        },
      },
      async (req, reply) => {
        const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
        const rec = await openRecording(deps, actorOf(req), req.params.contactId, range);
        return reply
          .code(rec.status === 206 ? 206 : 200)
          .headers(rec.headers)
          .send(Readable.fromWeb(rec.body as WebReadableStream));
      },
    );

    app.get(
      '/telephony/stream',
      {
        config: needs('telephony.receive'),
        schema: {
          tags,
          hide: false,
          response: {
            200: eventStream('来电弹屏事件流（SSE） / Server-Sent Events: call pop-ups for the caller'),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        scopeOf(actor, 'telephony.receive');
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // Reverse proxies (nginx) must pass events through at once, not buffer them.
          'x-accel-buffering': 'no',
        });
        // A browser reconnecting (EventSource) sends the id of the last event it got: what came
        // after it, on any instance, is sent first.
        const lastHeader = req.headers['last-event-id'];
        const lastId = Number.parseInt(
          Array.isArray(lastHeader) ? (lastHeader[0] ?? '') : (lastHeader ?? ''),
          10,
        );
        let closed = false;
        let handle: { close(): Promise<void> } | null = null;
        const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        const end = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          void handle?.close();
          openStreams.delete(end);
          if (!res.writableEnded) res.end();
        };
        openStreams.add(end);
        req.raw.on('close', end);
        // Events (missed ones first) are held until the stream is announced as connected.
        let held: string[] | null = [];
        const write = (chunk: string) => {
          if (held) held.push(chunk);
          else if (!res.writableEnded) res.write(chunk);
        };
        try {
          handle = await hub.subscribe(
            actor.userId,
            Number.isSafeInteger(lastId) && lastId >= 0 ? lastId : null,
            ({ id, type, data }) => write(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`),
          );
        } catch (err) {
          req.log.warn({ err }, 'call stream not opened');
          end();
          return;
        }
        if (closed) {
          void handle.close();
          return;
        }
        // Written once the stream is listening and counted: a call posted after this reaches it.
        res.write(': connected\n\n');
        for (const chunk of held) res.write(chunk);
        held = null;
      },
    );

    app.put(
      '/telephony/calls/:callId/customer',
      {
        config: needs('telephony.receive'),
        schema: {
          tags,
          params: callParams,
          body: callCustomerBody,
          response: { 200: callCustomerSchema },
        },
      },
      async (req) => uc.linkCallCustomer(deps, actorOf(req), req.params.callId, req.body.customerId),
    );

    app.get(
      '/telephony/extensions/:userId',
      {
        config: signedIn('one’s own extension; others’ with org.users.read'),
        schema: { tags, params: userParams, response: { 200: extensionSchema } },
      },
      async (req) => uc.getExtension(deps, actorOf(req), req.params.userId),
    );
    app.put(
      '/telephony/extensions/:userId',
      {
        config: signedIn('one’s own extension with telephony.receive; others’ with org.users.manage'),
        schema: { tags, params: userParams, body: extensionBody, response: { 200: extensionSchema } },
      },
      async (req) => uc.setExtension(deps, actorOf(req), req.params.userId, req.body.extension),
    );

    // SLA-9: the hotline report (answer times, abandoned calls, calls per hour and agent).
    app.get(
      '/telephony/hotline',
      {
        config: needs('telephony.report'),
        schema: { tags, querystring: hotlineQuery, response: { 200: hotlineReportSchema } },
      },
      async (req) => hotlineReport(deps, actorOf(req), req.query),
    );
    // The page's 立即更新: the rollup pass the scheduler runs, so the figures catch up with the calls.
    app.post(
      '/telephony/hotline/refresh',
      {
        config: needs('telephony.report'),
        schema: { tags, response: { 200: hotlineRefreshSchema } },
      },
      async () => refreshHotline(deps),
    );
    app.get(
      '/telephony/hotline/export.xlsx',
      {
        config: needs('telephony.report'),
        schema: {
          tags,
          querystring: hotlineQuery,
          response: {
            200: fileDownload(XLSX, '热线接听报表（Excel） / The hotline report as an Excel workbook'),
          },
        },
      },
      async (req, reply) => {
        const prepared = await prepareHotlineExport(deps, actorOf(req), req.query);
        const out = new PassThrough();
        prepared.write(out).catch((err: unknown) => {
          req.log.error({ err }, 'hotline export failed while streaming');
          out.destroy(err as Error);
        });
        const name = `热线报表-${req.query.from}-${req.query.to}.xlsx`;
        return reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            `attachment; filename="${prepared.fileName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(out);
      },
    );
  };
}
