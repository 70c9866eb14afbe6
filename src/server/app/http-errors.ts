import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { CalendarError } from '../../domain/calendar';
import { isDatabaseUnavailable } from './db';
import { AppError, commonErrors } from './errors';
import { describeValidation } from './validation-messages';

function body(err: AppError) {
  return {
    code: err.code,
    message: err.messageZh,
    messageEn: err.messageEn,
    ...(err.details !== undefined ? { details: err.details } : {}),
  };
}

/** Maps every failure to a stable code with a zh-CN and an English message; never leaks internals. */
export function toAppError(err: FastifyError): AppError {
  if (err instanceof AppError) return err;
  // Calendar rules broken by a request's values (instants are range-checked earlier, input-guard.ts).
  if ((err as unknown) instanceof CalendarError) {
    const c = err as unknown as CalendarError;
    return new AppError(
      c.code,
      c.code === 'calendar.date_out_of_range' ? 400 : c.status,
      c.messageZh,
      c.messageEn,
      {
        where: c.where,
        range: { from: '1970-01-01T00:00:00Z', to: '2200-12-31T23:59:59Z' },
      },
    );
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // The field and the problem in both languages (validation-messages.ts), for every route.
    const v = describeValidation(
      err.validation.map((i) => ({
        keyword: i.keyword,
        instancePath: i.instancePath,
        message: i.message,
        params: i.params as Record<string, unknown>,
      })),
    );
    return new AppError('validation.failed', 400, v.messageZh, v.messageEn, {
      where: err.validationContext,
      issues: v.issues,
    });
  }
  if (isResponseSerializationError(err)) return commonErrors.internal();
  if (isDatabaseUnavailable(err)) return commonErrors.databaseUnavailable();
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return commonErrors.unsupportedMediaType();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonErrors.bodyTooLarge();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return commonErrors.malformedJson();
  }
  if (err.statusCode === 400 && err instanceof SyntaxError) return commonErrors.malformedJson();
  if (err.statusCode === 429) return commonErrors.rateLimited();
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(
      `request.${err.code ?? 'invalid'}`.toLowerCase(),
      err.statusCode,
      '请求无效',
      err.message,
    );
  }
  return commonErrors.internal();
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (431 header fields too large, 408,
 * malformed request lines) are answered here, with the same `code` + messages body as every
 * other error.
 */
export function clientErrorHandler(
  this: { log: FastifyBaseLogger },
  err: NodeJS.ErrnoException,
  socket: Socket,
) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? commonErrors.headersTooLarge()
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? commonErrors.clientTimeout()
        : commonErrors.badRequest();
  this.log.trace({ err }, 'client error');
  if (socket.writable) {
    const payload = Buffer.from(JSON.stringify(body(e)));
    socket.write(
      `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\nContent-Length: ${payload.length}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n`,
    );
    socket.write(payload);
  }
  socket.destroy(err);
}

/** `spaFallback`: when the web app is served, page paths that match no route get its index.html. */
export function registerErrorHandlers(app: FastifyInstance, spaFallback: boolean): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err);
    if (appError.status === 503) {
      // Expected while the database restarts: one line, not a stack per request.
      req.log.warn({ code: appError.code, reason: err.message }, 'request refused: unavailable');
      void reply.header('retry-after', '1');
    } else if (appError.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: appError.code }, 'request refused');
    const retryAfter = (appError.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) reply.header('retry-after', String(retryAfter));
    return reply.status(appError.status).send(body(appError));
  });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (spaFallback && req.method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(url)) {
      return reply.type('text/html').sendFile('index.html');
    }
    const e = commonErrors.routeNotFound({ method: req.method, url });
    return reply.status(404).send(body(e));
  });
}
