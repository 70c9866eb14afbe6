import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
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
});
