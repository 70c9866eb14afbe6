import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropTestDatabase,
  testDatabaseUrl,
  testingOnPostgres,
  withDatabase,
} from '../src/server/test/test-database-paths';
import { buildServer, buildTemplate } from './build';

/**
 * The production build (docs/decisions/0022): the bundled server runs with plain `node` — no tsx —
 * on this Node and, when KEFU_NODE24 names a Node 24 binary (as in CI), on Node 24 too. It is built
 * into a directory of its own (node_modules linked beside it), so the checkout's dist/ is untouched.
 * On the embedded database the build's template is made too and the first start copies it.
 */
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-build-'));
const out = path.join(work, 'dist/server');
const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(work, { recursive: true, force: true })];
const runtimes = [process.execPath, ...(process.env.KEFU_NODE24 ? [process.env.KEFU_NODE24] : [])];

beforeAll(async () => {
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
  await buildServer(out);
  if (!testingOnPostgres()) await buildTemplate(out);
}, 240_000);

afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

async function databaseEnv(dataDir: string): Promise<Record<string, string>> {
  if (!testingOnPostgres()) return { KEFU_DATA_DIR: dataDir };
  const url = testDatabaseUrl()!;
  const name = `kefu_build_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(() => dropTestDatabase(url, name));
  return { KEFU_DATA_DIR: dataDir, DATABASE_URL: withDatabase(url, name) };
}

/** Starts `node dist/server/main.js`, waits for /readyz, stops it with SIGTERM; answers its log lines. */
async function startBuilt(node: string, env: Record<string, string>, port: number) {
  const child = spawn(node, ['--enable-source-maps', path.join(out, 'main.js')], {
    cwd: work,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEFU_ADMIN_PASSWORD: 'Admin#2026build',
      KEFU_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const until = Date.now() + 150_000;
    let ready: unknown = null;
    while (!ready && Date.now() < until) {
      if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.ok) ready = await res.json();
      } catch {
        // not listening yet
      }
      if (!ready) await new Promise((r) => setTimeout(r, 150));
    }
    if (!ready) throw new Error(`not ready in time: ${output}`);
    const web = await fetch(`http://127.0.0.1:${port}/api/v1/users`);
    return { ready, status: web.status, output };
  } finally {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}

describe('the production build', { timeout: 240_000 }, () => {
  it('runs as plain JavaScript on every Node given and answers /readyz', async () => {
    const dataDir = path.join(work, 'data');
    const env = await databaseEnv(dataDir);
    const kind = testingOnPostgres() ? 'postgres' : 'pglite';
    let port = 4700 + Math.floor(Math.random() * 600);
    for (const [i, node] of runtimes.entries()) {
      const { ready, status, output } = await startBuilt(node, env, port++);
      expect(ready).toEqual({ status: 'ready', database: kind });
      // The API answers (401: nobody is signed in), so the routes are in the bundle.
      expect(status).toBe(401);
      if (kind === 'pglite' && i === 0) {
        // First start on an empty data directory: the template was copied, no migration was applied.
        expect(fs.existsSync(path.join(dataDir, 'pg/PG_VERSION'))).toBe(true);
        expect(output).not.toMatch(/migrations applied/);
      }
    }
  });
});
