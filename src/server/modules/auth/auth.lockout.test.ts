import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../app/server';
import { createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

// Two app instances on one database, as behind a load balancer (issue 13.4).
let kefu: TestKefu;
let second: FastifyInstance;
let admin: HttpSession;
let hqId: string;

beforeAll(async () => {
  kefu = await createTestKefu({
    KEFU_LOGIN_MAX_FAILURES: '3',
    KEFU_LOGIN_LOCK_MINUTES: '15',
    KEFU_LOGIN_RATE_LIMIT: '1000',
  });
  second = await createServer(kefu.deps, { webDir: null });
  await second.ready();
  admin = await kefu.login('admin');
  hqId = (await admin.get('/api/v1/units')).json().items[0].id;
});
afterAll(async () => {
  await second.close();
  await kefu.close();
});

const attempt = (app: FastifyInstance, username: string, password: string, ip = '10.0.0.7') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('login lock-out shared by instances (issue 12.5, 13.4)', () => {
  it('ten wrong passwords at once on two instances count ten: the account locks and the right password is refused while locked', async () => {
    await createUser(admin, 'race.me', hqId, 'agent');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt(i % 2 ? kefu.app : second, 'race.me', `wrong-${i}`)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    // Counted atomically: the first two failures are plain, the third locks, the rest find it locked.
    expect(codes).toEqual([401, 401, ...Array(8).fill(423)]);
    for (const app of [kefu.app, second]) {
      const right = await attempt(app, 'race.me', TEST_PASSWORD);
      expect([right.statusCode, right.json().code]).toEqual([423, 'auth.account_locked']);
      // It says how long the lock lasts.
      expect(right.json().details.retryAfterSeconds).toBe(15 * 60);
      expect(right.headers['retry-after']).toBe(String(15 * 60));
      expect(right.json().message).toContain('15 分钟');
    }
    const locked = (await admin.get('/api/v1/audit?action=auth.account_locked')).json();
    expect(locked.items.filter((e: { after: { ip: string } }) => e.after.ip === '10.0.0.7')).toHaveLength(1);
    // A stranger's guessing from elsewhere does not keep the owner out.
    expect((await attempt(second, 'race.me', TEST_PASSWORD, '10.0.0.99')).statusCode).toBe(200);
    kefu.clock.advanceBy(15 * 60_000 + 1000);
    expect((await attempt(kefu.app, 'race.me', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown name gets exactly the answers a real one gets, lock included', async () => {
    await createUser(admin, 'real.name', hqId, 'agent');
    const of = async (username: string) => {
      const out: [number, string][] = [];
      for (let i = 0; i < 4; i++) {
        const res = await attempt(kefu.app, username, 'wrong-password', '10.0.1.1');
        out.push([res.statusCode, res.json().code]);
      }
      return out;
    };
    const real = await of('real.name');
    expect(real).toEqual([
      [401, 'auth.invalid_credentials'],
      [401, 'auth.invalid_credentials'],
      [423, 'auth.account_locked'],
      [423, 'auth.account_locked'],
    ]);
    expect(await of('no.such.person')).toEqual(real);
  });

  it('each lock lasts twice the one before; an administrator’s password reset lifts it at once', async () => {
    const { id } = await createUser(admin, 'slow.down', hqId, 'agent');
    const lockOnce = async () => {
      for (let i = 0; i < 3; i++) await attempt(second, 'slow.down', 'wrong', '10.0.2.2');
      return (await attempt(kefu.app, 'slow.down', TEST_PASSWORD, '10.0.2.2')).json().details
        .retryAfterSeconds as number;
    };
    expect(await lockOnce()).toBe(15 * 60);
    kefu.clock.advanceBy(15 * 60_000 + 1000);
    expect(await lockOnce()).toBe(30 * 60);
    const reset = await admin.post(`/api/v1/users/${id}/reset-password`, { newPassword: 'NewPassw0rd!' });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await attempt(kefu.app, 'slow.down', 'NewPassw0rd!', '10.0.2.2')).statusCode).toBe(200);
  });

  it('the per-address rate limit is counted in the database, so two instances share it', async () => {
    const deps = { ...kefu.deps, config: { ...kefu.deps.config, loginRateLimitPerMinute: 4 } };
    const [a, b] = [await createServer(deps, { webDir: null }), await createServer(deps, { webDir: null })];
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++)
        codes.push((await attempt(i % 2 ? a : b, `nobody.${i}`, 'x', '10.0.3.3')).statusCode);
      expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
      const limited = await attempt(a, 'nobody', 'x', '10.0.3.3');
      expect(limited.json().code).toBe('request.rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      kefu.clock.advanceBy(61_000);
      expect((await attempt(b, 'nobody.again', 'x', '10.0.3.3')).statusCode).toBe(401);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
