/**
 * Three Kefu instances on one PostgreSQL database behind a round-robin proxy (node:http, here):
 * what a load balancer in front of N stateless instances must be able to rely on. PostgreSQL only —
 * the embedded database is one process by construction. The pop-up's latency across instances is
 * measured by bench/cross-instance-pop.bench.ts, not asserted here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../test/factories';
import { createTestPostgresDatabase, HttpSession, TEST_ADMIN_PASSWORD } from '../test/test-app';
import { testingOnPostgres } from '../test/test-database-paths';
import { prepareDatabase } from './boot';
import { loadConfig } from './config';
import { openPostgres, type Database } from './db';
import { createServer } from './server';
import type { FastifyInstance } from 'fastify';

const TOKEN = 'instances-test-token-0123456789';

interface Instance {
  app: FastifyInstance;
  database: Database;
  base: string;
}

/** A signed-in person over real HTTP: cookies and the CSRF header, as a browser sends them. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  headers(extra: Record<string, string> = {}) {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(this.cookies.get('kefu_csrf') ? { 'x-csrf-token': this.cookies.get('kefu_csrf')! } : {}),
      ...extra,
    };
  }
  async send(method: string, path: string, body?: unknown, base = this.base) {
    const res = await fetch(base + path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value);
      else this.cookies.delete(name!);
    }
    return res;
  }
  async login(username: string, password: string) {
    const res = await this.send('POST', '/api/v1/auth/login', { username, password });
    expect(res.status).toBe(200);
    return this;
  }
}

describe.runIf(testingOnPostgres())('three instances behind a round-robin proxy', () => {
  let drop: () => Promise<void>;
  const instances: Instance[] = [];
  let proxy: http.Server;
  let proxyBase: string;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let agentId: string;
  let leaverId: string;
  const upstreamHits: number[] = [0, 0, 0];

  beforeAll(async () => {
    const created = await createTestPostgresDatabase();
    drop = created.drop;
    for (let i = 0; i < 3; i++) {
      const database = await openPostgres({ url: created.url, poolSize: 3 });
      const config = loadConfig({
        KEFU_LOG_LEVEL: 'silent',
        KEFU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        KEFU_TELEPHONY_TOKEN: TOKEN,
      });
      const { deps } = await prepareDatabase(database, config, pino({ level: 'silent' }));
      const app = await createServer(deps, { webDir: null });
      await app.listen({ port: 0, host: '127.0.0.1' });
      instances.push({
        app,
        database,
        base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      });
    }
    let next = 0;
    proxy = http.createServer((req, res) => {
      const target = next;
      next = (next + 1) % instances.length;
      upstreamHits[target]! += 1;
      const upstream = http.request(
        instances[target]!.base + req.url,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const admin = new HttpSession(instances[0]!.app);
    await admin.post('/api/v1/auth/login', { username: 'admin', password: TEST_ADMIN_PASSWORD });
    org = await buildOrganisation(admin);
    agentId = (await createUser(admin, 'multi.agent', org.storeA.id, 'agent')).id;
    leaverId = (await createUser(admin, 'multi.leaver', org.storeA.id, 'agent')).id;
  });

  afterAll(async () => {
    proxy?.closeAllConnections();
    await new Promise((r) => proxy?.close(r));
    for (const i of instances) {
      await i.app.close();
      await i.database.close();
    }
    await drop?.();
  });

  it('a session signed in through the proxy works on every instance', async () => {
    const agent = await new Browser(proxyBase).login('multi.agent', TEST_PASSWORD);
    const before = [...upstreamHits];
    for (let i = 0; i < 6; i++) {
      const res = await agent.send('GET', '/api/v1/me');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(agentId);
    }
    // Round robin: each instance answered two of the six.
    expect(upstreamHits.map((n, i) => n - before[i]!)).toEqual([2, 2, 2]);
    // A write (CSRF checked against the session) on each instance directly.
    for (const i of instances) {
      const res = await agent.send(
        'PUT',
        `/api/v1/telephony/extensions/${agentId}`,
        { extension: '8101' },
        i.base,
      );
      expect(res.status).toBe(200);
    }
  });

  it('IN-3: a call posted to instance 1 pops on the agent whose stream is held by instance 3', async () => {
    const agent = await new Browser(proxyBase).login('multi.agent', TEST_PASSWORD);
    const controller = new AbortController();
    const stream = await fetch(`${instances[2]!.base}/api/v1/telephony/stream`, {
      headers: agent.headers(),
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      for (let m = pattern.exec(buffer); !m; m = pattern.exec(buffer)) {
        if (Date.now() > deadline) return null;
        const chunk = await reader.read();
        if (chunk.done) return null;
        buffer += decoder.decode(chunk.value, { stream: true });
      }
      return pattern.exec(buffer);
    };
    expect(await until(/: connected\n\n/)).not.toBeNull();
    const posted = await fetch(`${instances[0]!.base}/api/v1/telephony/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        event: 'ringing',
        callId: 'multi-1',
        callerNumber: '13911112222',
        agentExtension: '8101',
      }),
    });
    expect(posted.status).toBe(202);
    // Counted on instance 1 although the stream is on instance 3.
    expect(((await posted.json()) as { delivered: number }).delivered).toBe(1);
    const pop = await until(/id: (\d+)\nevent: call\ndata: (.*)\n\n/);
    expect(pop).not.toBeNull();
    expect(JSON.parse(pop![2]!)).toMatchObject({ callId: 'multi-1', unknown: true });
    controller.abort();

    // The agent's browser reconnects to instance 2 with the last id it had: a call that rang while
    // it was away is sent at once, the one it already had is not sent again.
    await fetch(`${instances[1]!.base}/api/v1/telephony/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        event: 'ringing',
        callId: 'multi-2',
        callerNumber: '13911113333',
        agentExtension: '8101',
      }),
    });
    const again = await fetch(`${instances[1]!.base}/api/v1/telephony/stream`, {
      headers: agent.headers({ 'last-event-id': pop![1]! }),
    });
    const text = await (async () => {
      const r = again.body!.getReader();
      let t = '';
      while (!/event: call\n/.test(t)) {
        const c = await r.read();
        if (c.done) break;
        t += decoder.decode(c.value, { stream: true });
      }
      await r.cancel();
      return t;
    })();
    expect(text).toContain('"callId":"multi-2"');
    expect(text).not.toContain('"callId":"multi-1"');
  });

  it('ORG-3: a person disabled through instance 1 is refused at once by instances 2 and 3', async () => {
    const leaver = await new Browser(proxyBase).login('multi.leaver', TEST_PASSWORD);
    // Seen just now on every instance: each keeps the session in its short-lived cache.
    for (const i of instances)
      expect((await leaver.send('GET', '/api/v1/me', undefined, i.base)).status).toBe(200);
    const admin = await new Browser(instances[0]!.base).login('admin', TEST_ADMIN_PASSWORD);
    expect((await admin.send('POST', `/api/v1/users/${leaverId}/disable`, {})).status).toBe(200);
    expect((await leaver.send('GET', '/api/v1/me', undefined, instances[1]!.base)).status).toBe(401);
    expect((await leaver.send('GET', '/api/v1/me', undefined, instances[2]!.base)).status).toBe(401);
  });
});
