/**
 * IN-3 caller pop-up latency: from the telephony integration's `ringing` POST to the customer card
 * arriving on the agent's Server-Sent Events stream, against a real listening server (embedded
 * database, demo company). Target: within 1 s. Traffic goes to 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/server/demo/demo-company';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 3933;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = 'bench-telephony-token-0123456789';
const CALLS = 100;

async function login(username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { cookie: pairs.join('; '), csrf: pairs.find((p) => p.startsWith('kefu_csrf='))!.split('=')[1]! };
}

async function send(who: { cookie: string; csrf: string }, method: string, url: string, body: unknown) {
  const res = await fetch(BASE + url, {
    method,
    headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

export async function run(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-pop-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      KEFU_DATA_DIR: dir,
      KEFU_DEMO: '1',
      KEFU_LOG_LEVEL: 'warn',
      KEFU_ADMIN_PASSWORD: 'Bench#2026x',
      KEFU_TELEPHONY_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 1200) throw new Error('server not ready in 120 s');
      const ready = await fetch(`${BASE}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const agent = await login('sh.agent', DEMO_PASSWORD);
    const me = (await fetch(`${BASE}/api/v1/me`, { headers: { cookie: agent.cookie } }).then((r) =>
      r.json(),
    )) as {
      id: string;
      memberships: { unitId: string }[];
    };
    await send(agent, 'PUT', `/api/v1/telephony/extensions/${me.id}`, { extension: '8801' });
    await send(agent, 'POST', '/api/v1/customers', {
      unitId: me.memberships[0]!.unitId,
      name: '压测来电客户',
      phones: [{ number: '021-5555 0101' }],
    });
    const stream = await fetch(`${BASE}/api/v1/telephony/stream`, { headers: { cookie: agent.cookie } });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextCall = async () => {
      for (;;) {
        const match = /event: call\ndata: .*\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    };
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const arrived = nextCall();
      const res = await fetch(`${BASE}/api/v1/telephony/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({
          event: 'ringing',
          callId: `bench-${i}`,
          callerNumber: '02155550101',
          agentExtension: '8801',
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
      `caller pop-up (ringing POST → card on the agent's stream) p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${CALLS} calls  (target < 1000 ms${pct(99) < 1000 ? '' : ' — MISSED'})`,
    ];
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
