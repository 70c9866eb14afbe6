import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_ENTRIES, ConfigError, loadConfig } from './config';
import { DEFAULT_ROLES } from '../../domain/permissions';
import { CLOSE_OUT_STEP_PERMISSION, CLOSE_OUT_STEPS } from '../../domain/tickets/close-out';
import { loadDemoCompany, DEMO_UNITS, DEMO_USERS, DEMO_PASSWORD } from '../demo/demo-company';
import { createTestKefu, HttpSession, type TestKefu } from '../test/test-app';

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await createTestKefu();
});
afterAll(() => kefu.close());

describe('operations endpoints', () => {
  it('answers liveness and readiness (database reachable, migrations applied)', async () => {
    expect((await kefu.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await kefu.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and its browsable UI', async () => {
    const doc = (await kefu.app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/units/{id}', '/api/v1/audit']),
    );
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['username', 'password', 'memberships']),
    );
    const ui = await kefu.app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('exposes Prometheus metrics, request durations included', async () => {
    await kefu.app.inject('/healthz');
    const metrics = await kefu.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('kefu_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('kefu_process_resident_memory_bytes');
  });
});

describe('configuration', () => {
  it('names the bad variable and what it expects', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', KEFU_ADMIN_PASSWORD: 'short' });
    } catch (err) {
      const message = (err as ConfigError).message;
      expect(message).toContain('PORT="70000"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('KEFU_ADMIN_PASSWORD');
      expect((err as ConfigError).problems).toHaveLength(3);
    }
  });

  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', demo: false, sessionIdleMinutes: 240 });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('README documents every environment variable', () => {
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const entry of Object.values(CONFIG_ENTRIES)) expect(readme).toContain(`\`${entry.env}\``);
  });
});

describe('demo company', () => {
  it('loads headquarters, 2 regions, 4 stores with departments and one person per role; twice changes nothing', async () => {
    const first = await loadDemoCompany(kefu.deps);
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    const second = await loadDemoCompany(kefu.deps);
    expect(second).toEqual({ unitsCreated: 0, usersCreated: 0 });
    const admin = await kefu.login('admin');
    const units = (await admin.get('/api/v1/units')).json().items as { kind: string; name: string }[];
    expect(units).toHaveLength(DEMO_UNITS.length);
    expect(units.filter((u) => u.kind === 'region')).toHaveLength(2);
    expect(units.filter((u) => u.kind === 'store')).toHaveLength(4);
    expect(units.filter((u) => u.kind === 'department').map((u) => u.name)).toEqual(
      expect.arrayContaining(['客服部', '工程部', '财务部', '营销部', '品质部', '仓储部', '安装部']),
    );
    const roles = new Set(DEMO_USERS.map((u) => u.role));
    const allRoles = (await admin.get('/api/v1/roles')).json().items.map((r: { code: string }) => r.code);
    expect(allRoles.filter((c: string) => c !== 'administrator' && !roles.has(c))).toEqual([]);
    // CMP-5: a different person holds each close-out step at headquarters, so the chain can be walked.
    const stepHolders = CLOSE_OUT_STEPS.map((step) =>
      DEMO_USERS.filter(
        (u) =>
          u.unit === 'HQ' &&
          DEFAULT_ROLES.find((r) => r.code === u.role)!.permissions.includes(CLOSE_OUT_STEP_PERMISSION[step]),
      ).map((u) => u.username),
    );
    expect(stepHolders).toEqual([['hq.quality'], ['hq.kpi'], ['gm.zhou']]);
    const agent = new HttpSession(kefu.app);
    expect(
      (await agent.post('/api/v1/auth/login', { username: 'sh.agent', password: DEMO_PASSWORD })).statusCode,
    ).toBe(200);
  });
});
