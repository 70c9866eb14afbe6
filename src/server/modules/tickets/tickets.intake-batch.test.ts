import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '../../../domain/sla';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { loadGrants } from '../org/org.repository';
import { users } from '../org/org.table';
import { prepareIntake, writeIntakes, type PreparedIntake } from './tickets.create';
import { tickets } from './tickets.table';

// Intakes arriving together are written together (group commit, decision 0008). These tests send
// bursts at once and check that every request still gets exactly its own, whole ticket.

let kefu: TestKefu;
let agents: HttpSession[];
let admin: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;

const iso = (local: string) => new Date(`${local}+08:00`).toISOString();
const put = (s: HttpSession, url: string, body: unknown) => s.request('PUT', url, body);

type Ticket = {
  id: string;
  number: string;
  subject: string;
  slaTargets: { key: string; state: string; dueAt: string | null }[];
  timeline: { type: string }[];
};

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  agents = [];
  for (const name of ['burst_a', 'burst_b', 'burst_c']) {
    await createUser(admin, name, org.storeA.id, 'agent');
    agents.push(await kefu.login(name, TEST_PASSWORD));
  }
});
afterAll(() => kefu.close());

const intake = (subject: string, extra: Record<string, unknown> = {}) => ({
  unitId: org.storeA.id,
  type: 'soft_complaint',
  channel: 'phone',
  subject,
  contactPhone: '138 0000 1234',
  ...extra,
});

async function auditedCreations(ids: string[]) {
  return kefu.deps.db
    .select({ subjectId: auditLog.subjectId, actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'tickets.created'), inArray(auditLog.subjectId, ids)));
}

describe('intakes taken at the same moment', () => {
  it('IN-1: thirty at once each get their own ticket, whole — consecutive numbers, timeline, SLA targets, audit row', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        agents[i % agents.length]!.post('/api/v1/tickets', intake(`同时来电 ${i}`)),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const created = responses.map((r) => r.json() as Ticket);
    // Each answer is the ticket of its own request.
    expect(created.map((t) => t.subject)).toEqual(Array.from({ length: 30 }, (_, i) => `同时来电 ${i}`));
    const sequences = created.map((t) => Number(t.number.slice(-5))).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(30);
    // Nothing failed, so the day's numbers have no gap.
    expect(sequences.at(-1)! - sequences[0]!).toBe(29);
    const policyKeys = DEFAULT_SLA_POLICIES.soft_complaint.targets.map((t) => t.key);
    for (const t of created) {
      expect(t.timeline.map((e) => e.type)).toEqual(['created']);
      expect(t.slaTargets.map((s) => s.key)).toEqual(policyKeys);
      expect(t.slaTargets[0]!.dueAt).not.toBeNull();
    }
    // The stored rows agree with the answers, next due time included.
    const stored = await kefu.deps.db
      .select({ id: tickets.id, number: tickets.number, nextDueAt: tickets.nextDueAt })
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          created.map((t) => t.id),
        ),
      );
    expect(stored).toHaveLength(30);
    for (const row of stored) {
      const answer = created.find((t) => t.id === row.id)!;
      expect(row.number).toBe(answer.number);
      const running = answer.slaTargets.filter((s) => s.state === 'on_track' && s.dueAt);
      const earliest = Math.min(...running.map((s) => new Date(s.dueAt!).getTime()));
      expect(row.nextDueAt?.getTime()).toBe(earliest);
    }
    expect(await auditedCreations(created.map((t) => t.id))).toHaveLength(30);
  });

  it('IN-10: within one burst, retries under one key answer one ticket; another body under a key is refused, and the rest are unharmed', async () => {
    const [a, b, c] = agents as [HttpSession, HttpSession, HttpSession];
    const retried = intake('网络重发的登记');
    const sends = [
      ...Array.from({ length: 4 }, () =>
        a.request('POST', '/api/v1/tickets', retried, { 'idempotency-key': 'burst-retry-1' }),
      ),
      b.request('POST', '/api/v1/tickets', intake('第一份'), { 'idempotency-key': 'burst-clash-1' }),
      b.request('POST', '/api/v1/tickets', intake('第二份'), { 'idempotency-key': 'burst-clash-1' }),
      ...Array.from({ length: 10 }, (_, i) => c.post('/api/v1/tickets', intake(`无关来电 ${i}`))),
    ];
    const responses = await Promise.all(sends);

    const retries = responses.slice(0, 4);
    expect(retries.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(retries.map((r) => r.json().id)).size).toBe(1);
    expect(retries.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);

    const clash = responses.slice(4, 6);
    expect(clash.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(clash.find((r) => r.statusCode === 409)!.json().code).toBe('tickets.idempotency_conflict');

    const unrelated = responses.slice(6);
    expect(unrelated.map((r) => r.statusCode)).toEqual(Array(10).fill(201));

    const ids = [
      retries.find((r) => r.statusCode === 201)!,
      clash.find((r) => r.statusCode === 201)!,
      ...unrelated,
    ].map((r) => r.json().id as string);
    const stored = await kefu.deps.db
      .select({ id: tickets.id, subject: tickets.subject })
      .from(tickets)
      .where(inArray(tickets.subject, ['网络重发的登记', '第一份', '第二份']));
    // One ticket per key: the retried intake once, and only one of the two clashing bodies.
    expect(stored).toHaveLength(2);
    expect(await auditedCreations(ids)).toHaveLength(12);
  });
});

describe('one batch, written directly', () => {
  async function actor(username: string) {
    const [user] = await kefu.deps.db.select().from(users).where(eq(users.username, username));
    return {
      userId: user!.id,
      username,
      displayName: user!.displayName,
      grants: await loadGrants(kefu.deps.db, user!.id),
      ip: null,
    };
  }
  const prepare = async (username: string, subject: string, key: string | null = null) =>
    (await prepareIntake(kefu.deps, await actor(username), intake(subject) as never, key)) as PreparedIntake;

  it('IN-1 / SLA-3: several intakes in one transaction — numbers in order of arrival, each ticket with its own rows', async () => {
    const batch = [
      await prepare('burst_a', '批量一'),
      await prepare('burst_b', '批量二', 'direct-batch-1'),
      await prepare('burst_c', '批量三'),
    ];
    const written = await writeIntakes(kefu.deps, kefu.deps.db, batch);
    expect(written.map((d) => d.ticket.subject)).toEqual(['批量一', '批量二', '批量三']);
    const sequences = written.map((d) => Number(d.ticket.number.slice(-5)));
    expect(sequences).toEqual([sequences[0], sequences[0]! + 1, sequences[0]! + 2]);
    written.forEach((d, i) => {
      expect(d.ticket.createdBy).toBe(batch[i]!.actor.userId);
      expect(d.events.map((e) => [e.type, e.ticketId])).toEqual([['created', d.ticket.id]]);
      expect(d.targets.every((t) => t.subjectId === d.ticket.id)).toBe(true);
      expect(d.targets.map((t) => t.position)).toEqual(d.targets.map((_, p) => p));
    });
    const audited = await auditedCreations(written.map((d) => d.ticket.id));
    expect(audited.map((a) => a.actorId).sort()).toEqual(batch.map((p) => p.actor.userId).sort());
  });

  it('ORG-4: the audit row of a batched intake holds the ticket exactly as stored', async () => {
    const [written] = await writeIntakes(kefu.deps, kefu.deps.db, [await prepare('burst_c', '审计核对')]);
    const [stored] = await kefu.deps.db.select().from(tickets).where(eq(tickets.id, written!.ticket.id));
    const [audit] = await kefu.deps.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'tickets.created'), eq(auditLog.subjectId, written!.ticket.id)));
    const { searchText: _searchText, ...asEntered } = stored!;
    expect(audit!.after).toEqual(JSON.parse(JSON.stringify(asEntered)));
    // What the request answered is the stored row too.
    expect(written!.ticket).toEqual(stored);
  });

  it('IN-10: a batch holding a key that was claimed meanwhile writes nothing at all', async () => {
    const first = await prepare('burst_a', '先到的', 'direct-batch-2');
    await writeIntakes(kefu.deps, kefu.deps.db, [first]);
    const late = [
      await prepare('burst_b', '同批无辜的'),
      { ...first, input: intake('后到的') } as PreparedIntake,
    ];
    await expect(writeIntakes(kefu.deps, kefu.deps.db, late)).rejects.toThrow();
    const stored = await kefu.deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(inArray(tickets.subject, ['同批无辜的', '后到的']));
    expect(stored).toEqual([]);
  });
});

describe('settings changed while agents are taking calls', () => {
  const intake = async () => {
    const res = await admin.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'consultation_direct',
      channel: 'phone',
      subject: '咨询保养',
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { slaTargets: { key: string; dueAt: string }[] }).slaTargets.find(
      (t) => t.key === 'customer_reply',
    )!.dueAt;
  };

  it('SLA-3 / SLA-1: a new policy or holiday applies to the very next ticket, though intake keeps both for a second', async () => {
    // Monday 2 March 2026, 10:00: one working day to reply, by the end of Tuesday.
    const usual = await intake();
    expect(usual).toBe(iso('2026-03-03T18:00'));
    await put(admin, `/api/v1/sla/policies?unitId=${org.storeA.id}`, {
      policies: [
        {
          ticketType: 'consultation_direct',
          targets: [
            {
              key: 'customer_reply',
              startsOn: 'intake',
              stopsOn: 'customer_replied',
              allowed: { unit: 'working_hours', amount: 4 },
              pausesWhenPendingCustomer: true,
            },
          ],
        },
      ],
    });
    expect(await intake()).toBe(iso('2026-03-02T15:30'));
    await put(admin, `/api/v1/sla/policies?unitId=${org.storeA.id}`, { policies: [] });
    expect(await intake()).toBe(usual);
    // The store closes on Tuesday: the reply is due by the end of Wednesday.
    await put(admin, `/api/v1/calendars/${org.storeA.id}`, {
      exceptions: { '2026-03-03': { kind: 'holiday', name: '盘点闭店' } },
    });
    expect(await intake()).toBe(iso('2026-03-04T18:00'));
    await put(admin, `/api/v1/calendars/${org.storeA.id}`, { exceptions: {} });
  });
});
