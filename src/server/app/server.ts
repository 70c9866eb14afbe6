import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { registerSessionHook } from '../modules/auth/auth.plugin';
import { registerDingTalkScriptPolicy } from '../modules/auth/auth.sso';
import type { Deps } from './context';
import { registerModules } from './modules';
import { commonErrors } from './errors';
import { clientErrorHandler, registerErrorHandlers } from './http-errors';
import { guardedValidatorCompiler } from './input-guard';
import { registerMetrics } from './metrics';
import { registerAccessCheck } from './route-access';
import { registerResponseMasking } from './response-masking';
import { registerSecurityHeaders } from './security-headers';
import { registerDraining } from './shutdown';
import { migrationsUpToDate } from './migrate';

import { WEB_DIST_DIR } from './paths';

export { WEB_DIST_DIR };

/** Builds the HTTP server around its dependencies; listening is the caller's business. */
export async function createServer(
  deps: Deps,
  options: { webDir?: string | null } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    clientErrorHandler,
    // Requests arriving while the server closes get Kefu's own 503 (registerDraining), with a code.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDir = options.webDir === undefined ? WEB_DIST_DIR : options.webDir;
  const servesWeb = !!webDir && fs.existsSync(path.join(webDir, 'index.html'));
  registerErrorHandlers(app, servesWeb);
  registerDraining(app);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-HTTP installs on a LAN are common; HSTS is for deployments behind HTTPS.
    strictTransportSecurity: deps.config.secureCookies,
  });
  registerDingTalkScriptPolicy(app, deps);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => {
      const e = commonErrors.rateLimited();
      return Object.assign(new Error(e.messageEn), { statusCode: 429 });
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kefu 客服 API', version: '1', description: 'Kefu customer-service platform REST API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app, deps);
  registerSessionHook(app, deps);
  registerAccessCheck(app);
  registerResponseMasking(app);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.db.execute(sql`select 1`);
      if (!(await migrationsUpToDate(deps.database)))
        return reply.code(503).send({ status: 'migrations_pending' });
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });

  await app.register(async (api) => registerModules(api, deps), { prefix: '/api/v1' });

  // wildcard: files are looked up per request, so a web build made while the server runs is served
  // at once (a route per file found at start would answer 404 for the new build's hashed assets).
  if (servesWeb) await app.register(fastifyStatic, { root: webDir!, wildcard: true, index: ['index.html'] });
  return app;
}
