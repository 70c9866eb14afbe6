/**
 * The real server process, as `npm start` runs it, for tests that kill, stop or outlive it:
 * started on 127.0.0.1 on a port of its own, output kept for the failure message, killed when
 * the test file ends. Test helper only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const PROCESS_ADMIN_PASSWORD = 'Admin#2026proc';
const root = path.resolve(import.meta.dirname, '../../..');
const running = new Set<ChildProcess>();
let nextPort = 4000 + Math.floor(Math.random() * 2000);

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `src/server/main.ts` with `env` on top of the test's environment. */
export function startServerProcess(
  env: Record<string, string>,
  script = 'src/server/main.ts',
): ServerProcess {
  const port = nextPort++;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEFU_ADMIN_PASSWORD: PROCESS_ADMIN_PASSWORD,
      KEFU_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Kills every server this test file started and has not stopped (afterAll). */
export function killServerProcesses(): void {
  for (const c of running) c.kill('SIGKILL');
}

/** Waits for /readyz; fails with the process's output when it exits or takes too long. */
export async function waitReady(s: ServerProcess, timeoutMs = 150_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`exited early: ${s.output()}`);
    try {
      if ((await fetch(`${s.base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`not ready in time: ${s.output()}`);
}

/** A signed-in HTTP client: session cookies and the CSRF header on every request. */
export interface ProcessClient {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function loginProcess(
  base: string,
  username = 'admin',
  password = PROCESS_ADMIN_PASSWORD,
): Promise<ProcessClient> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = ((await login.json()) as { me: { csrfToken: string } }).me.csrfToken;
  return {
    request: (method, url, body, headers = {}) =>
      fetch(`${base}${url}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

/** A store under headquarters, where tickets can be taken in; returns its id. */
export async function createStore(client: ProcessClient, name: string): Promise<string> {
  const units = (await (await client.request('GET', '/api/v1/units')).json()) as { items: { id: string }[] };
  const res = await client.request('POST', '/api/v1/units', {
    parentId: units.items[0]!.id,
    kind: 'store',
    name,
  });
  if (res.status !== 201) throw new Error(`creating ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export interface Load {
  /** Idempotency-Key → id of the ticket the server acknowledged (200/201). */
  acknowledged: Map<string, string>;
  statuses: Map<string, number>;
  networkErrors: number;
  stop(): Promise<void>;
}

/** `clients` loops taking tickets in, each with its own Idempotency-Key, retrying a key until it is acknowledged. */
export function intakeLoad(client: ProcessClient, unitId: string, prefix: string, clients = 8): Load {
  const acknowledged = new Map<string, string>();
  const statuses = new Map<string, number>();
  let running = true;
  const load: Load = { acknowledged, statuses, networkErrors: 0, stop: async () => {} };
  const loops = Array.from({ length: clients }, async (_, n) => {
    for (let i = 0; running; i++) {
      const key = `${prefix}-${n}-${i}`;
      while (running) {
        let status: string;
        try {
          const res = await client.request(
            'POST',
            '/api/v1/tickets',
            { unitId, type: 'consultation_direct', channel: 'phone', subject: `${prefix} ${key}` },
            { 'idempotency-key': key },
          );
          const body = (await res.json()) as { id?: string; code?: string };
          status = `${res.status} ${body.code ?? ''}`.trim();
          if (res.status === 200 || res.status === 201) {
            acknowledged.set(key, body.id!);
            status = 'ok';
          }
        } catch (err) {
          load.networkErrors++;
          const cause = (err as { cause?: { code?: string } }).cause;
          status = `network ${cause?.code ?? 'error'}`;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 'ok') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  load.stop = async () => {
    running = false;
    await Promise.all(loops);
  };
  return load;
}
