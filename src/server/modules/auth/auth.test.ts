import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, HttpSession, TEST_ADMIN_PASSWORD, type TestKefu } from '../../test/test-app';

let kefu: TestKefu;
let hqId: string;

beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_LOGIN_MAX_FAILURES: '3', KEFU_LOGIN_LOCK_MINUTES: '15' });
  const admin = await kefu.login('admin');
  hqId = (await admin.get('/api/v1/units')).json().items[0].id;
});
afterAll(() => kefu.close());

describe('first start', () => {
  it('creates the administrator admin with KEFU_ADMIN_PASSWORD in a headquarters unit', async () => {
    const admin = await kefu.login('admin', TEST_ADMIN_PASSWORD);
    const me = (await admin.get('/api/v1/me')).json();
    expect(me.username).toBe('admin');
    expect(me.memberships).toEqual([
      expect.objectContaining({ roleCode: 'administrator', unitKind: 'headquarters' }),
    ]);
    expect(me.permissions).toContain('org.users.manage');
  });
});

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const res = await kefu.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'kefu_session')!;
    const csrf = res.cookies.find((c) => c.name === 'kefu_csrf')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json().me.csrfToken).toBe(csrf.value);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a wrong password with a stable code in both languages', async () => {
    const res = await new HttpSession(kefu.app).post('/api/v1/auth/login', {
      username: 'admin',
      password: 'wrong-password1',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    expect(res.json().messageEn).toMatch(/wrong/i);
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const res = await new HttpSession(kefu.app).post('/api/v1/auth/login', {
      username: 'nobody',
      password: 'x1234567',
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.invalid_credentials');
  });

  it('locks an account after repeated failures, and the right password does not help until the lock ends', async () => {
    const admin = await kefu.login('admin');
    await createUser(admin, 'lock.me', hqId, 'agent');
    const guest = new HttpSession(kefu.app);
    for (let i = 0; i < 2; i++) {
      expect(
        (await guest.post('/api/v1/auth/login', { username: 'lock.me', password: 'bad-guess-1' })).statusCode,
      ).toBe(401);
    }
    const third = await guest.post('/api/v1/auth/login', { username: 'lock.me', password: 'bad-guess-1' });
    expect(third.statusCode).toBe(423);
    expect(third.json().code).toBe('auth.account_locked');
    const rightButLocked = await guest.post('/api/v1/auth/login', {
      username: 'lock.me',
      password: TEST_PASSWORD,
    });
    expect(rightButLocked.statusCode).toBe(423);
    const audit = (await admin.get('/api/v1/audit?action=auth.account_locked')).json();
    expect(audit.total).toBe(1);

    kefu.clock.advanceBy(16 * 60_000);
    const afterLock = await guest.post('/api/v1/auth/login', {
      username: 'lock.me',
      password: TEST_PASSWORD,
    });
    expect(afterLock.statusCode).toBe(200);
  });

  it('rate-limits login attempts per client address', async () => {
    const limited = await createTestKefu({ KEFU_LOGIN_RATE_LIMIT: '3' });
    try {
      const guest = new HttpSession(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await guest.post('/api/v1/auth/login', { username: 'x', password: 'y' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const res = await guest.post('/api/v1/auth/login', { username: 'x', password: 'y' });
      expect(res.json().code).toBe('request.rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('ends an idle session and an over-age session', async () => {
    const admin = await kefu.login('admin');
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    kefu.clock.advanceBy(241 * 60_000);
    const idle = await admin.get('/api/v1/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('auth.session_expired');

    const busy = await kefu.login('admin');
    for (let hour = 0; hour < 12; hour++) {
      kefu.clock.advanceBy(60 * 60_000);
      expect((await busy.get('/api/v1/me')).statusCode).toBe(hour < 11 ? 200 : 401);
    }
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const admin = await kefu.login('admin');
    const cookies = new Map(admin.cookies);
    // Just seen, so the session is in the server's short-lived cache: logging out must still end it.
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = new HttpSession(kefu.app);
    replay.cookies = cookies;
    expect((await replay.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const admin = await kefu.login('admin');
    await createUser(admin, 'changer', hqId, 'agent');
    const first = await kefu.login('changer', TEST_PASSWORD);
    const second = await kefu.login('changer', TEST_PASSWORD);
    const weak = await first.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.json().code).toBe('auth.weak_password');
    const wrong = await first.post('/api/v1/auth/password', {
      currentPassword: 'nope-1234',
      newPassword: 'NewPassw0rd',
    });
    expect(wrong.json().code).toBe('auth.wrong_current_password');
    expect(
      (
        await first.post('/api/v1/auth/password', {
          currentPassword: TEST_PASSWORD,
          newPassword: 'NewPassw0rd',
        })
      ).statusCode,
    ).toBe(204);
    expect((await first.get('/api/v1/me')).statusCode).toBe(200);
    expect((await second.get('/api/v1/me')).statusCode).toBe(401);
    await expect(kefu.login('changer', TEST_PASSWORD)).rejects.toThrow(/401/);
    await kefu.login('changer', 'NewPassw0rd');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request that rides on the cookie without the CSRF header', async () => {
    const admin = await kefu.login('admin');
    admin.sendCsrf = false;
    const res = await admin.post('/api/v1/units', { parentId: hqId, kind: 'region', name: '无令牌区域' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf_invalid');
    const wrong = await admin.request(
      'POST',
      '/api/v1/units',
      { parentId: hqId, kind: 'region', name: '错令牌区域' },
      { 'x-csrf-token': 'forged' },
    );
    expect(wrong.statusCode).toBe(403);
    admin.sendCsrf = true;
    const units = (await admin.get('/api/v1/units')).json().items as { name: string }[];
    expect(units.map((u) => u.name)).not.toContain('无令牌区域');
    expect(units.map((u) => u.name)).not.toContain('错令牌区域');
  });

  it('lets reads through without the header', async () => {
    const admin = await kefu.login('admin');
    admin.sendCsrf = false;
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, unknown fields, wrong types and over-long strings with 4xx codes', async () => {
    const admin = await kefu.login('admin');
    const malformed = await admin.request('POST', '/api/v1/units', undefined, {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    const raw = await kefu.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().code).toBe('request.malformed_json');

    const unknown = await admin.post('/api/v1/units', {
      parentId: hqId,
      kind: 'region',
      name: '区域',
      colour: 'red',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('validation.failed');

    const wrongType = await admin.post('/api/v1/units', { parentId: hqId, kind: 'region', name: 42 });
    expect(wrongType.json().code).toBe('validation.failed');

    const tooLong = await admin.post('/api/v1/units', {
      parentId: hqId,
      kind: 'region',
      name: '长'.repeat(101),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().details.issues[0].path).toContain('name');

    const form = await admin.request('POST', '/api/v1/units', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.statusCode).toBe(415);

    const units = (await admin.get('/api/v1/units')).json().items;
    expect(units).toHaveLength(1);
  });

  it('answers an unauthenticated request with 401 and an unknown endpoint with 404', async () => {
    const guest = new HttpSession(kefu.app);
    const res = await guest.get('/api/v1/users');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.unauthenticated', message: '请先登录' });
    expect((await guest.get('/api/v1/nothing-here')).json().code).toBe('request.not_found');
  });

  it('refuses a login posted from another site (login CSRF); the own origin and non-browser clients pass', async () => {
    const post = (headers: Record<string, string>) =>
      kefu.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers,
        payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      });
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const res = await post({ origin });
      expect([res.statusCode, res.json().code]).toEqual([403, 'auth.origin_invalid']);
      expect(res.cookies).toEqual([]);
    }
    expect((await post({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://localhost' })).statusCode).toBe(200);
    expect((await post({ origin: 'http://kefu.example.cn', host: 'kefu.example.cn' })).statusCode).toBe(200);
    expect((await post({})).statusCode).toBe(200);
  });

  it('the permission catalogue answers only to a signed-in person', async () => {
    const guest = new HttpSession(kefu.app);
    const res = await guest.get('/api/v1/permissions');
    expect([res.statusCode, res.json().code]).toEqual([401, 'auth.unauthenticated']);
    const admin = await kefu.login('admin');
    expect((await admin.get('/api/v1/permissions')).statusCode).toBe(200);
  });

  it('/metrics answers a direct local scraper or the configured token, nobody else', async () => {
    const scrape = (app: typeof kefu.app, remoteAddress: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
    const stranger = await scrape(kefu.app, '203.0.113.5');
    expect([stranger.statusCode, stranger.json().code]).toEqual([401, 'metrics.unauthorised']);
    expect(stranger.body).not.toContain('kefu_');
    expect((await scrape(kefu.app, '127.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).statusCode).toBe(401);
    expect((await scrape(kefu.app, '127.0.0.1')).statusCode).toBe(200);
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await createTestKefu({ KEFU_METRICS_TOKEN: token });
    try {
      expect((await scrape(guarded.app, '127.0.0.1')).statusCode).toBe(401);
      expect((await scrape(guarded.app, '203.0.113.5', { authorization: 'Bearer wrong' })).statusCode).toBe(
        401,
      );
      const ok = await scrape(guarded.app, '203.0.113.5', { authorization: `Bearer ${token}` });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('kefu_http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });
});
