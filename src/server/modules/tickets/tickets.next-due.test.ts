import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { rowsOf } from '../../app/db';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { scanSlaTargets } from '../sla/sla.service';
import { tickets } from './tickets.table';

type Target = { key: string; state: string; dueAt: string | null };
type Ticket = { id: string; slaTargets: Target[]; sla: { nextDueAt: string | null } };

let kefu: TestKefu;
let agent: HttpSession;
let storeId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  storeId = (await buildOrganisation(admin)).storeA.id;
  await createUser(admin, 'queue_agent', storeId, 'agent');
  agent = await kefu.login('queue_agent', TEST_PASSWORD);
});
afterAll(() => kefu.close());

const storedNextDue = async (id: string) => {
  const [row] = await kefu.deps.db
    .select({ nextDueAt: tickets.nextDueAt })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row?.nextDueAt?.toISOString() ?? null;
};
const running = (t: Ticket) =>
  t.slaTargets
    .filter((x) => ['on_track', 'at_risk', 'breached', 'escalated'].includes(x.state) && x.dueAt)
    .map((x) => x.dueAt!)
    .sort()[0] ?? null;
const detail = async (id: string): Promise<Ticket> => (await agent.get(`/api/v1/tickets/${id}`)).json();

describe('the queue order follows the SLA targets (SLA-7)', () => {
  it('SLA-7: the next due time is the earliest running target, through pause, resume and cancel', async () => {
    const created = await agent.post('/api/v1/tickets', {
      unitId: storeId,
      type: 'soft_complaint',
      channel: 'phone',
      subject: '沙发扶手开裂',
      contactPhone: '13800001111',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket: Ticket = created.json();
    expect(running(ticket)).not.toBeNull();
    expect(await storedNextDue(ticket.id)).toBe(running(ticket));
    expect(ticket.sla.nextDueAt).toBe(running(ticket));

    // Pending customer pauses every pausable target; what remains running decides the order.
    expect(
      (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { to: 'in_progress' })).statusCode,
    ).toBe(200);
    expect(
      (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { to: 'pending_customer' })).statusCode,
    ).toBe(200);
    const paused = await detail(ticket.id);
    expect(await storedNextDue(ticket.id)).toBe(running(paused));

    kefu.clock.advanceBy(2 * 3_600_000);
    expect(
      (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { to: 'in_progress' })).statusCode,
    ).toBe(200);
    const resumed = await detail(ticket.id);
    expect(running(resumed)).not.toBeNull();
    expect(await storedNextDue(ticket.id)).toBe(running(resumed));

    // Cancelled: nothing runs any more.
    expect(
      (await agent.post(`/api/v1/tickets/${ticket.id}/transition`, { to: 'cancelled', reason: '客户撤回' }))
        .statusCode,
    ).toBe(200);
    expect(await storedNextDue(ticket.id)).toBeNull();
  });

  it('SLA-7: "my queue" lists the soonest deadline first', async () => {
    const make = async (type: string, subject: string) => {
      const res = await agent.post('/api/v1/tickets', { unitId: storeId, type, channel: 'phone', subject });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as Ticket).id;
    };
    await make('consultation_direct', '咨询保养');
    await make('hard_complaint', '严重质量投诉');
    const queue = (await agent.get('/api/v1/tickets?view=my_queue')).json() as {
      items: { id: string; sla: { nextDueAt: string | null } }[];
      total: number;
    };
    expect(queue.total).toBe(queue.items.length);
    const dues = queue.items.map((i) => i.sla.nextDueAt).filter((d): d is string => d !== null);
    expect(dues.length).toBeGreaterThan(1);
    expect(dues).toEqual([...dues].sort());
  });

  /** What tickets.at_risk_from must hold, worked out again from the ticket's targets. */
  const expectedAtRiskFrom = async (id: string) => {
    const targets = rowsOf<{ state: string; at_risk_at: string | null; created_at: string }>(
      await kefu.deps.db.execute(
        sql`select state, at_risk_at, created_at from sla_targets where subject_type = 'ticket' and subject_id = ${id}`,
      ),
    );
    const instants = targets.flatMap((t) => {
      if (t.state === 'at_risk')
        return [Math.min(new Date(t.at_risk_at ?? t.created_at).getTime(), new Date(t.created_at).getTime())];
      if (t.state === 'on_track' && t.at_risk_at) return [new Date(t.at_risk_at).getTime()];
      return [];
    });
    return instants.length ? new Date(Math.min(...instants)).toISOString() : null;
  };
  const storedAtRiskFrom = async (id: string) => {
    const [row] = await kefu.deps.db
      .select({ atRiskFrom: tickets.atRiskFrom })
      .from(tickets)
      .where(eq(tickets.id, id));
    return row?.atRiskFrom?.toISOString() ?? null;
  };
  const inView = async (view: string, id: string) => {
    const res = await agent.get(`/api/v1/tickets?view=${view}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: string }[] }).items.some((t) => t.id === id);
  };

  /** Days later the session has lapsed: the agent signs in again. */
  const moveClockTo = async (at: Date) => {
    kefu.clock.set(at);
    agent = await kefu.login('queue_agent', TEST_PASSWORD);
  };
  /** "At risk" and "due today" list the ticket exactly when its targets say so at this instant. */
  const viewsFollowTargets = async (id: string) => {
    const now = kefu.clock.now().getTime();
    const atRiskFrom = await expectedAtRiskFrom(id);
    const nextDue = running(await detail(id));
    const breached = nextDue !== null && new Date(nextDue).getTime() < now;
    const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await inView('at_risk', id)).toBe(
      atRiskFrom !== null && new Date(atRiskFrom).getTime() <= now && !breached,
    );
    expect(await inView('due_today', id)).toBe(
      nextDue !== null && shanghaiDay(new Date(nextDue).getTime()) === shanghaiDay(now),
    );
  };

  it('SLA-8: the ticket keeps its at-risk instant from its targets, so "at risk" and "due today" list it from the ticket row', async () => {
    const created = await agent.post('/api/v1/tickets', {
      unitId: storeId,
      type: 'repair',
      channel: 'phone',
      subject: '热水器不出热水',
      contactPhone: '13800002222',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as Ticket;
    // Written with the ticket at intake, equal to what the trigger works out from the targets.
    expect(await storedAtRiskFrom(id)).not.toBeNull();
    expect(await storedAtRiskFrom(id)).toBe(await expectedAtRiskFrom(id));
    expect(await inView('at_risk', id)).toBe(false);

    // Past its at-risk instant: at risk before the scan has marked it, and after.
    const atRiskFrom = new Date((await storedAtRiskFrom(id))!);
    await moveClockTo(new Date(atRiskFrom.getTime() + 60_000));
    expect(await inView('at_risk', id)).toBe(true);
    await scanSlaTargets(kefu.deps);
    expect(await storedAtRiskFrom(id)).toBe(await expectedAtRiskFrom(id));
    expect(await inView('at_risk', id)).toBe(true);

    // Waiting on the customer pauses the clocks: nothing runs, so it is neither at risk nor due.
    expect((await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'in_progress' })).statusCode).toBe(
      200,
    );
    expect(
      (await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'pending_customer' })).statusCode,
    ).toBe(200);
    expect(await storedAtRiskFrom(id)).toBe(await expectedAtRiskFrom(id));
    await viewsFollowTargets(id);

    // Resumed: the kept instant follows the recomputed targets again.
    kefu.clock.advanceBy(3_600_000);
    expect((await agent.post(`/api/v1/tickets/${id}/transition`, { to: 'in_progress' })).statusCode).toBe(
      200,
    );
    expect(await storedAtRiskFrom(id)).toBe(await expectedAtRiskFrom(id));
    expect(await storedNextDue(id)).toBe(running(await detail(id)));
    await viewsFollowTargets(id);

    // Past every due time: breached, so no longer "at risk".
    const due = new Date((await storedNextDue(id))!);
    await moveClockTo(new Date(due.getTime() + 60_000));
    await scanSlaTargets(kefu.deps);
    expect(await storedAtRiskFrom(id)).toBe(await expectedAtRiskFrom(id));
    expect(await inView('at_risk', id)).toBe(false);
    expect(await inView('breached', id)).toBe(true);
  });
});
