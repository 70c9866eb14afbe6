import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { prepareDatabase } from '../app/boot';
import { createTestClock } from '../app/clock';
import { loadConfig } from '../app/config';
import type { Deps } from '../app/context';
import { openPglite, openPostgres, type Database } from '../app/db';
import { createServer } from '../app/server';
import { inject } from 'vitest';
import { dropTestDatabase, testDatabaseUrl, testingOnPostgres, withDatabase } from './test-database-paths';

export const TEST_ADMIN_PASSWORD = 'Admin#2026test';

/** A fresh, migrated PostgreSQL database (a copy of the run's template); several instances may open it. */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const templates = inject('kefuTestTemplates');
  const url = testDatabaseUrl()!;
  const name = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${templates.postgresTemplate}`);
  await admin.end();
  return { url: withDatabase(url, name), drop: () => dropTestDatabase(url, name) };
}

/** A fresh, migrated database for one test file: a copy of the run's template. */
export async function openTestDatabase(): Promise<Database> {
  const templates = inject('kefuTestTemplates');
  if (!testingOnPostgres()) {
    const dump = new Blob([fs.readFileSync(templates.pgliteDump)]);
    return openPglite({ loadDataDir: dump });
  }
  const { url, drop } = await createTestPostgresDatabase();
  const database = await openPostgres({ url, poolSize: 4 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

export interface TestKefu {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof createTestClock>;
  /** Logs in through the HTTP API and returns a client carrying the cookies and CSRF token. */
  login(username: string, password?: string): Promise<HttpSession>;
  close(): Promise<void>;
}

/** Builds Kefu in-process on a fresh database with a movable clock; requests go through app.inject. */
export async function createTestKefu(env: Record<string, string> = {}): Promise<TestKefu> {
  const database = await openTestDatabase();
  const clock = createTestClock();
  // Uploaded files of one test file go to a directory of its own, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-data-'));
  const config = loadConfig({
    KEFU_LOG_LEVEL: 'silent',
    KEFU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    KEFU_DATA_DIR: dataDir,
    ...env,
  });
  const logger = pino({ level: 'silent' });
  const { deps } = await prepareDatabase(database, config, logger, clock);
  const app = await createServer(deps, { webDir: null });
  await app.ready();
  return {
    app,
    deps,
    clock,
    login: async (username, password = TEST_ADMIN_PASSWORD) => {
      const session = new HttpSession(app);
      const res = await session.post('/api/v1/auth/login', { username, password });
      if (res.statusCode !== 200)
        throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`);
      return session;
    },
    close: async () => {
      await app.close();
      await deps.storage.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps cookies and sends the CSRF header the way the web app does. */
export class HttpSession {
  cookies = new Map<string, string>();
  sendCsrf = true;

  constructor(private readonly app: FastifyInstance) {}

  get csrfToken(): string | undefined {
    return this.cookies.get('kefu_csrf');
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res: LightMyRequestResponse = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(this.sendCsrf && method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies) {
      // The server's clock may be a test clock, so only an explicit clear (epoch expiry) removes a cookie.
      if (c.value === '' || (c.expires && c.expires.getTime() <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}
