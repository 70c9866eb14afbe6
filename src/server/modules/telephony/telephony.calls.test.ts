import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { contacts } from '../contacts/contacts.table';
import { refreshRollups } from '../reports/reports.service';
import { sealPlainRecordings } from './telephony.calls';
import { callRecords } from './telephony.table';

const TOKEN = 'telephony-calls-token-0123456789';
const AUDIO = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
let kefu: TestKefu;
let agent: HttpSession;
let supervisor: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let customerId: string;
let vendor: http.Server;
let recordingUrl: string;
const vendorHits: { authorization?: string | undefined; range?: string | undefined }[] = [];

/** The vendor's recording store: Basic auth, byte ranges, like a real file server. */
function startVendor() {
  return new Promise<void>((resolve) => {
    vendor = http.createServer((req, res) => {
      vendorHits.push({ authorization: req.headers.authorization, range: req.headers.range });
      if (req.headers.authorization !== `Basic ${Buffer.from('rec:s3cret').toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (m) {
        const start = Number(m[1]);
        const end = m[2] ? Number(m[2]) : AUDIO.length - 1;
        res.writeHead(206, {
          'content-type': 'audio/mpeg',
          'content-range': `bytes ${start}-${end}/${AUDIO.length}`,
          'content-length': String(end - start + 1),
          'accept-ranges': 'bytes',
        });
        res.end(AUDIO.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(AUDIO.length) });
      res.end(AUDIO);
    });
    vendor.listen(0, '127.0.0.1', () => {
      const { port } = vendor.address() as AddressInfo;
      recordingUrl = `http://rec:s3cret@127.0.0.1:${port}/rec/call-a.mp3`;
      resolve();
    });
  });
}

const postRecords = (records: unknown[], token = TOKEN) =>
  kefu.app.inject({
    method: 'POST',
    url: '/api/v1/telephony/call-records',
    headers: { authorization: `Bearer ${token}` },
    payload: { records },
  });
const postEvent = (body: Record<string, unknown>) =>
  kefu.app.inject({
    method: 'POST',
    url: '/api/v1/telephony/events',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: body,
  });
const rowOf = async (callId: string) =>
  (await kefu.deps.db.select().from(contacts).where(eq(contacts.callId, callId)))[0];

let ticketId: string;
const t0 = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai, a Monday

beforeAll(async () => {
  await startVendor();
  kefu = await createTestKefu({ KEFU_TELEPHONY_TOKEN: TOKEN });
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  const agentId = (await createUser(admin, 'cr.agent', org.storeA.id, 'agent')).id;
  await createUser(admin, 'cr.sup', org.storeA.id, 'cs_supervisor');
  agent = await kefu.login('cr.agent', TEST_PASSWORD);
  supervisor = await kefu.login('cr.sup', TEST_PASSWORD);
  expect(
    (await agent.request('PUT', `/api/v1/telephony/extensions/${agentId}`, { extension: '8101' })).statusCode,
  ).toBe(200);
  const c = await agent.post('/api/v1/customers', {
    unitId: org.storeA.id,
    name: '刘建国',
    phones: [{ number: '139 0000 1111' }],
  });
  customerId = c.json().id;
  // A call the events announced: ringing, answered 9 s later; the agent takes a ticket from it.
  const at = (s: number) => new Date(t0.getTime() + s * 1000).toISOString();
  for (const [event, s] of [
    ['ringing', 0],
    ['answered', 9],
  ] as const)
    expect(
      (
        await postEvent({
          event,
          callId: 'cr-1',
          callerNumber: '13900001111',
          agentExtension: '8101',
          at: at(s),
        })
      ).statusCode,
    ).toBe(202);
  const ticket = await agent.post('/api/v1/tickets', {
    unitId: org.storeA.id,
    type: 'repair',
    channel: 'phone',
    subject: '热水器漏水',
    customerId,
    callId: 'cr-1',
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  ticketId = ticket.json().id;
});
afterAll(async () => {
  await kefu.close();
  await new Promise((r) => vendor.close(r));
});

const at = (s: number) => new Date(t0.getTime() + s * 1000).toISOString();
const batch = () => [
  {
    callId: 'cr-1',
    callerNumber: '13900001111',
    agentExtension: '8101',
    ringingAt: at(0),
    answeredAt: at(9),
    endedAt: at(129),
    durationSeconds: 120,
    hangupCause: 'caller',
    vendorCause: 'NORMAL_CLEARING',
    recordingUrl,
  },
  // A call whose events never arrived: it rang 40 s and the caller hung up (abandoned).
  {
    callId: 'cr-2',
    callerNumber: '13900001111',
    agentExtension: '8101',
    ringingAt: at(600),
    endedAt: at(640),
    durationSeconds: 0,
    hangupCause: 'no_answer',
  },
];

describe('after-call records (话单)', () => {
  it('SLA-9 / IN-3: a batch lands on the calls’ contact-log rows, the ringing instant of a call no event announced included; the hotline report counts the answer time and the abandoned call', async () => {
    const res = await postRecords(batch());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['stored', 'stored']);
    const one = (await rowOf('cr-1'))!;
    expect(one.durationSeconds).toBe(120);
    expect(one.ticketId).toBe(ticketId);
    expect(one.summary).toBe('来电，通话 120 秒');
    const two = (await rowOf('cr-2'))!;
    expect(two.ringingAt?.toISOString()).toBe(at(600));
    expect(two.answeredAt).toBeNull();
    expect(two.durationSeconds).toBe(0);
    expect(two.customerId).toBe(customerId);
    expect(two.summary).toBe('未接来电');
    const [stored] = await kefu.deps.db.select().from(callRecords).where(eq(callRecords.callId, 'cr-1'));
    expect(stored).toMatchObject({
      hangupCause: 'caller',
      vendorCause: 'NORMAL_CLEARING',
      durationSeconds: 120,
    });

    await refreshRollups(kefu.deps);
    const report = await supervisor.get(
      `/api/v1/telephony/hotline?from=2026-03-02&to=2026-03-02&unitId=${org.storeA.id}`,
    );
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      calls: 2,
      answered: 1,
      abandoned: 1,
      answeredInTarget: 1,
      averageAnswerSeconds: 9,
      averageTalkSeconds: 120,
    });
  });

  it('SLA-9: the vendor resending the batch changes nothing: each call id is stored once', async () => {
    const audits = async () =>
      (
        await kefu.deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'telephony.call_record_stored')))
      ).length;
    const before = await audits();
    const again = await postRecords(batch());
    expect(again.statusCode).toBe(200);
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await audits()).toBe(before);
    expect(
      (await kefu.deps.db.select().from(callRecords)).filter((r) => r.callId.startsWith('cr-')),
    ).toHaveLength(2);
  });

  it('a wrong token is refused (401) and nothing is stored; a record no agent can be found for is rejected alone', async () => {
    const bad = await postRecords([{ ...batch()[1], callId: 'cr-bad' }], 'wrong-token-0123456789abcdef');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('telephony.token_invalid');
    const none = await kefu.app.inject({
      method: 'POST',
      url: '/api/v1/telephony/call-records',
      payload: { records: [{ ...batch()[1], callId: 'cr-bad' }] },
    });
    expect(none.statusCode).toBe(401);
    expect(await rowOf('cr-bad')).toBeUndefined();

    const mixed = await postRecords([
      { ...batch()[1], callId: 'cr-3', agentExtension: '9999' },
      { ...batch()[1], callId: 'cr-4', ringingAt: at(700), endedAt: at(705) },
    ]);
    expect(mixed.statusCode).toBe(200);
    const [rejected, stored] = mixed.json().results;
    expect(rejected).toMatchObject({
      callId: 'cr-3',
      status: 'rejected',
      code: 'telephony.extension_not_found',
    });
    expect(stored).toMatchObject({ callId: 'cr-4', status: 'stored' });
    expect(await rowOf('cr-3')).toBeUndefined();
    // A malformed record fails the whole batch before anything is written.
    const malformed = await postRecords([{ ...batch()[1], callId: 'cr-5', hangupCause: 'gone' }]);
    expect(malformed.statusCode).toBe(400);
    expect(await rowOf('cr-5')).toBeUndefined();
  });
});

describe('recordings on the ticket', () => {
  it('only a role with telephony.recordings.play gets a player; the recording comes through Kefu, the vendor address and its credentials never reach the browser', async () => {
    const forAgent = await agent.get(`/api/v1/telephony/tickets/${ticketId}/calls`);
    expect(forAgent.statusCode, forAgent.body).toBe(200);
    expect(forAgent.json()).toEqual([
      expect.objectContaining({
        callId: 'cr-1',
        hasRecording: true,
        recordingPath: null,
        durationSeconds: 120,
      }),
    ]);
    const forSup = await supervisor.get(`/api/v1/telephony/tickets/${ticketId}/calls`);
    expect(forSup.statusCode, forSup.body).toBe(200);
    const [call] = forSup.json();
    expect(call.recordingPath).toBe(`/api/v1/telephony/recordings/${call.contactId}`);
    expect(forSup.body).not.toContain('127.0.0.1');
    expect(forSup.body).not.toContain('s3cret');

    expect((await agent.get(call.recordingPath)).statusCode).toBe(403);

    const played = await supervisor.get(call.recordingPath);
    expect(played.statusCode, played.body).toBe(200);
    expect(played.headers['content-type']).toBe('audio/mpeg');
    expect(played.rawPayload.equals(AUDIO)).toBe(true);
    expect(vendorHits.at(-1)?.authorization).toBe(`Basic ${Buffer.from('rec:s3cret').toString('base64')}`);

    const part = await supervisor.request('GET', call.recordingPath, undefined, { range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${AUDIO.length}`);
    expect(part.rawPayload.equals(AUDIO.subarray(100, 200))).toBe(true);

    const plays = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'telephony.recording_played'), eq(auditLog.subjectId, call.contactId)));
    expect(plays).toHaveLength(1);
  });

  it('the recording address is encrypted at rest: the database column holds no plain URL, and the player still streams it', async () => {
    const [raw] = rowsOf<{ recording_url: string }>(
      await kefu.deps.db.execute(sql`select recording_url from call_records where call_id = 'cr-1'`),
    );
    expect(raw!.recording_url).toMatch(/^v1\./);
    expect(raw!.recording_url).not.toContain('http');
    expect(raw!.recording_url).not.toContain('127.0.0.1');
    expect(raw!.recording_url).not.toContain('s3cret');
    expect(raw!.recording_url).not.toContain('call-a.mp3');
  });

  it('rows stored in plain text before encryption are sealed by the start-up migration and still play', async () => {
    const one = (await rowOf('cr-1'))!;
    await kefu.deps.db.execute(
      sql`update call_records set recording_url = ${recordingUrl} where call_id = 'cr-1'`,
    );
    expect(await sealPlainRecordings(kefu.deps)).toBe(1);
    expect(await sealPlainRecordings(kefu.deps)).toBe(0);
    const [stored] = await kefu.deps.db.select().from(callRecords).where(eq(callRecords.callId, 'cr-1'));
    expect(stored!.recordingSealed).toMatch(/^v1\./);
    expect(stored!.recordingSealed).not.toContain('s3cret');
    const played = await supervisor.get(`/api/v1/telephony/recordings/${one.id}`);
    expect(played.statusCode, played.body).toBe(200);
    expect(played.rawPayload.equals(AUDIO)).toBe(true);
  });

  it('a call without a recording, or a contact that is not a call, has nothing to play (404)', async () => {
    const two = (await rowOf('cr-2'))!;
    const res = await supervisor.get(`/api/v1/telephony/recordings/${two.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('telephony.recording_not_found');
  });

  it('the vendor down: the player gets 502 with a clear code, not a hang', async () => {
    const one = (await rowOf('cr-1'))!;
    await new Promise((r) => vendor.close(r));
    const res = await supervisor.get(`/api/v1/telephony/recordings/${one.id}`);
    expect(res.statusCode).toBe(502);
    expect(res.json().code).toBe('telephony.recording_unavailable');
    await new Promise<void>((r) => vendor.listen(Number(new URL(recordingUrl).port), '127.0.0.1', () => r()));
  });
});
