import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../test/factories';
import { createTestKefu, HttpSession, type TestKefu } from '../test/test-app';

let kefu: TestKefu;
let agent: HttpSession;
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  await createUser(admin, 'guard.agent', org.storeA.id, 'agent');
  agent = await kefu.login('guard.agent', TEST_PASSWORD);
});
afterAll(() => kefu.close());

const ticket = (extra: Record<string, unknown> = {}) =>
  agent.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    channel: 'phone',
    type: 'consultation_direct',
    subject: '咨询',
    ...extra,
  });

describe('input every route refuses the same way (issue 12: bad input crashes writes)', () => {
  it('a NUL character or a lone surrogate anywhere answers 400 request.invalid_text, login included', async () => {
    const cases: [string, () => Promise<{ statusCode: number; json(): { code: string } }>][] = [
      [
        'login',
        () => new HttpSession(kefu.app).post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' }),
      ],
      ['ticket NUL', () => ticket({ subject: '漏水\u0000' })],
      ['ticket surrogate', () => ticket({ description: 'broken \ud800 text' })],
      [
        'nested',
        () =>
          agent.post('/api/v1/customers', {
            unitId: org.storeA.id,
            name: '王',
            phones: [{ number: '1\udc00' }],
          }),
      ],
      ['query', () => agent.get('/api/v1/tickets?q=%00')],
    ];
    for (const [name, send] of cases) {
      const res = await send();
      expect([name, res.statusCode, res.json().code]).toEqual([name, 400, 'request.invalid_text']);
    }
    // Emoji and right-to-left text are well-formed and welcome.
    const fine = await ticket({ subject: '漏水 💧 مرحبا' });
    expect(fine.statusCode, fine.body).toBe(201);
  });

  it('SLA-2: an instant before 1970 or after 2200 answers 400 naming the supported range', async () => {
    for (const send of [
      () => ticket({ receivedAt: '1969-12-31T23:59:59Z' }),
      () =>
        admin.post('/api/v1/sla/calculate', {
          unitId: org.storeA.id,
          ticketType: 'repair',
          intakeAt: '1960-05-01T08:00:00+08:00',
        }),
      () =>
        admin.post('/api/v1/sla/calculate', {
          unitId: org.storeA.id,
          ticketType: 'repair',
          intakeAt: '2201-01-01T00:00:00Z',
        }),
    ]) {
      const res = await send();
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'request.instant_out_of_range',
        details: { range: { from: '1970-01-01T00:00:00Z', to: '2200-12-31T23:59:59Z' } },
      });
    }
  });

  it('IN-1: a refused create takes no ticket number', async () => {
    const first = await ticket();
    expect(first.statusCode, first.body).toBe(201);
    for (const bad of [{ subject: 'x\u0000' }, { subject: '\ud83d' }, { receivedAt: '1900-01-01T00:00:00Z' }])
      expect((await ticket(bad)).statusCode).toBe(400);
    const next = await ticket();
    const seq = (n: string) => Number(n.split('-').pop());
    expect(seq(next.json().number)).toBe(seq(first.json().number) + 1);
  });

  it('431: headers too large are answered with a code like every other error', async () => {
    await kefu.app.listen({ port: 0, host: '127.0.0.1' });
    const address = kefu.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nCookie: x=${'a'.repeat(40_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', (err) => (data ? resolve(data) : reject(err)));
    });
    expect(raw.startsWith('HTTP/1.1 431')).toBe(true);
    const payload = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, string>;
    expect(payload).toMatchObject({ code: 'request.headers_too_large' });
    expect(payload.message).toBeTruthy();
    expect(payload.messageEn).toBeTruthy();
  });
});
