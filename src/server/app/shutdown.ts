/**
 * Graceful shutdown without reset connections. Closing the HTTP server at once closes every
 * kept-alive connection that looks idle — including one whose next request is already on the
 * wire but not yet read (on the embedded database the event loop is busy for long stretches), and
 * that client sees ECONNRESET. So shutdown first drains: requests already running finish; every
 * new one is answered 503 `server.shutting_down` with `Connection: close`, which closes its
 * connection cleanly; once no connection is left (or the grace period ends) the server closes.
 */
import type { FastifyInstance } from 'fastify';
import { commonErrors } from './errors';

export interface Draining {
  /** From now on new requests are refused with 503 and their connections closed. */
  start(): void;
  /** Resolves when no connection is open, or after `graceMs`. */
  settled(graceMs: number): Promise<void>;
}

const byServer = new WeakMap<FastifyInstance, Draining>();

/** The draining control of a server built by createServer. */
export function drainingOf(app: FastifyInstance): Draining {
  const d = byServer.get(app);
  if (!d) throw new Error('server built without registerDraining');
  return d;
}

export function registerDraining(app: FastifyInstance): Draining {
  let draining = false;
  app.addHook('onRequest', async (_req, reply) => {
    if (!draining) return;
    const e = commonErrors.shuttingDown();
    return reply
      .code(503)
      .header('connection', 'close')
      .header('retry-after', '1')
      .send({ code: e.code, message: e.messageZh, messageEn: e.messageEn });
  });
  const connections = () =>
    new Promise<number>((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
  const control: Draining = {
    start: () => {
      draining = true;
    },
    async settled(graceMs) {
      const until = Date.now() + graceMs;
      while (Date.now() < until && (await connections()) > 0)
        await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
  byServer.set(app, control);
  return control;
}
