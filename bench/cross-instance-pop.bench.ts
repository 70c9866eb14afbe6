/**
 * IN-3 across instances: a `ringing` call POSTed to instance A pops on the agent whose SSE stream is
 * held by instance B, both Kefu processes on one PostgreSQL database (LISTEN/NOTIFY, decision 0018).
 * Needs a PostgreSQL server: KEFU_BENCH_DATABASE_URL or TEST_DATABASE_URL (a database of its own is
 * created and dropped). Traffic goes to 127.0.0.1 only. Not asserted in tests; target < 1 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/server/demo/demo-company';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORTS = [3941, 3942];
const TOKEN = 'bench-telephony-token-0123456789';
const CALLS = 100;

async function login(
  BASE: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('kefu_csrf='))!.split('=')[1]! };
}

async function send(
  BASE: string,
  who: { cookie: string; csrf: string },
  method: string,
  url: string,
  body: unknown,
) {
  const res = await fetch(BASE + url, {
    method,
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

function startInstance(port: number, url: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      KEFU_DEMO: '1',
      KEFU_LOG_LEVEL: 'warn',
      KEFU_ADMIN_PASSWORD: 'Bench#2026x',
      KEFU_TELEPHONY_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function ready(base: string) {
  for (let i = 0; ; i++) {
    if (i > 1800) throw new Error(`${base} not ready in 180 s`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function run(): Promise<string[]> {
  const serverUrl = process.env.KEFU_BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl) return ['cross-instance pop: skipped (set KEFU_BENCH_DATABASE_URL or TEST_DATABASE_URL)'];
  const name = `kefu_bench_pop_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const [A, B] = PORTS.map((p) => `http://127.0.0.1:${p}`) as [string, string];
  const servers: ChildProcess[] = [];
  try {
    // One after the other: the first applies migrations and loads the demo company.
    servers.push(startInstance(PORTS[0]!, u.toString()));
    await ready(A);
    servers.push(startInstance(PORTS[1]!, u.toString()));
    await ready(B);
    const agent = await login(A, 'sh.agent', DEMO_PASSWORD);
    const me = (await fetch(`${A}/api/v1/me`, { headers: { cookie: agent.cookie } }).then((r) =>
      r.json(),
    )) as {
      id: string;
      memberships: { unitId: string }[];
    };
    await send(A, agent, 'PUT', `/api/v1/telephony/extensions/${me.id}`, { extension: '8802' });
    await send(A, agent, 'POST', '/api/v1/customers', {
      unitId: me.memberships[0]!.unitId,
      name: '跨实例来电客户',
      phones: [{ number: '021-5555 0202' }],
    });
    // The agent's stream is held by instance B; the calls are posted to instance A.
    const stream = await fetch(`${B}/api/v1/telephony/stream`, { headers: { cookie: agent.cookie } });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const until = async (pattern: RegExp) => {
      for (;;) {
        const match = pattern.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    };
    await until(/: connected\n\n/);
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const arrived = until(/event: call\ndata: .*\n\n/);
      const res = await fetch(`${A}/api/v1/telephony/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          event: 'ringing',
          callId: `bench-x-${i}`,
          callerNumber: '02155550202',
          agentExtension: '8802',
        }),
      });
      if (res.status !== 202) throw new Error(`ringing: ${res.status}`);
      await arrived;
      times.push(performance.now() - started);
    }
    await reader.cancel();
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))]!;
    return [
      `cross-instance caller pop-up (ringing POST to A → card on B's stream, PostgreSQL LISTEN/NOTIFY) p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${CALLS} calls  (target < 1000 ms${pct(99) < 1000 ? '' : ' — MISSED'})`,
    ];
  } finally {
    for (const s of servers) {
      s.kill('SIGTERM');
      await new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
