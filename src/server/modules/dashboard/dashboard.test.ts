import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../../domain/calendar/time-zone';
import { isAtRiskAt, isBreachedAt, RUNNING_TARGET_STATES } from '../../../domain/sla';
import { OPEN_TICKET_STATES } from '../../../domain/tickets';
import type { CountLink, Dashboard, DepartmentOwes } from '../../../shared/dashboard';
import { rowsOf } from '../../app/db';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';

const DAY = 86_400_000;

describe('dashboard (RPT-1)', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let gm: HttpSession;
  let supervisor: HttpSession;
  let agent: HttpSession;
  let agentB: HttpSession;
  let member: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  const ids: Record<string, string> = {};

  const open = async (who: HttpSession, name: string, unitId: string, type: string) => {
    const res = await who.post('/api/v1/tickets', {
      unitId,
      channel: 'phone',
      type,
      subject: `${name} 测试`,
      ...(type === 'rectification' ? { rectificationKind: 'engineering' } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
    return ids[name]!;
  };
  const act = async (who: HttpSession, id: string, action: string, body: object) => {
    const res = await who.post(`/api/v1/tickets/${id}/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    kefu = await createTestKefu({ KEFU_SESSION_IDLE_MINUTES: '10080', KEFU_SESSION_ABSOLUTE_HOURS: '2000' });
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'd_gm', org.hq.id, 'general_manager');
    await createUser(admin, 'd_sup', org.storeA.id, 'cs_supervisor');
    await createUser(admin, 'd_agent', org.storeA.id, 'agent');
    await createUser(admin, 'd_agent_b', org.storeB.id, 'agent');
    await createUser(admin, 'd_member', org.storeAEngineering.id, 'department_member');
    gm = await kefu.login('d_gm', TEST_PASSWORD);
    supervisor = await kefu.login('d_sup', TEST_PASSWORD);
    agent = await kefu.login('d_agent', TEST_PASSWORD);
    agentB = await kefu.login('d_agent_b', TEST_PASSWORD);
    member = await kefu.login('d_member', TEST_PASSWORD);

    // Monday 10:00 Shanghai. Four tickets taken in now will be days late by Friday…
    await open(agent, 'late_soft', org.storeA.id, 'soft_complaint');
    await open(agent, 'late_repair', org.storeA.id, 'repair');
    await open(agent, 'late_rect', org.storeA.id, 'rectification');
    await act(agent, ids.late_rect!, 'assign', { departmentId: org.storeAEngineering.id });
    await open(agent, 'paused', org.storeA.id, 'repair');
    await act(agent, ids.paused!, 'transition', { to: 'pending_customer' });
    kefu.clock.advanceBy(4 * DAY); // Friday 10:00
    // …while these are fresh: one on track, one at risk, one in the other store, one cancelled.
    await open(agent, 'fresh_soft', org.storeA.id, 'soft_complaint');
    await open(agent, 'risky_repair', org.storeA.id, 'repair');
    await kefu.deps.db.execute(
      sql`update sla_targets set at_risk_at = ${new Date(kefu.clock.now().getTime() - 60_000)}
          where subject_type = 'ticket' and subject_id = ${ids.risky_repair!}`,
    );
    await open(agentB, 'store_b', org.storeB.id, 'hard_complaint');
    await open(agent, 'cancelled', org.storeA.id, 'repair');
    await act(agent, ids.cancelled!, 'transition', { to: 'cancelled', reason: '重复登记' });
  });
  afterAll(() => kefu.close());

  const board = async (who: HttpSession, unitId?: string) => {
    const res = await who.get(`/api/v1/dashboard${unitId ? `?unitId=${unitId}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };

  /** The list behind a tile: its total, as the tickets page would show it. */
  const listTotal = async (who: HttpSession, link: CountLink) => {
    const url = new URL(link.href, 'http://x');
    expect(url.pathname).toBe('/tickets');
    url.searchParams.set('pageSize', '200');
    const res = await who.get(`/api/v1/tickets?${url.searchParams.toString()}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: number; items: { id: string }[] };
    expect(body.items.length).toBe(body.total);
    return body;
  };

  /** Brute force: every ticket and target read back, judged by the domain's own SLA rules. */
  const reference = async (inUnits: string[] | null) => {
    const now = kefu.clock.now();
    const rows = rowsOf<{ id: string; type: string; state: string; unit_id: string }>(
      await kefu.deps.db.execute(sql`select id, type, state, unit_id from tickets`),
    ).filter((t) => !inUnits || inUnits.includes(t.unit_id));
    const targets = rowsOf<{
      subject_id: string;
      state: string;
      due_at: Date | null;
      at_risk_at: Date | null;
    }>(
      await kefu.deps.db.execute(
        sql`select subject_id, state, due_at, at_risk_at from sla_targets where subject_type = 'ticket'`,
      ),
    ).map((t) => ({
      ...t,
      dueAt: t.due_at ? new Date(t.due_at) : null,
      atRiskAt: t.at_risk_at ? new Date(t.at_risk_at) : null,
    }));
    const openRows = rows.filter((t) => (OPEN_TICKET_STATES as readonly string[]).includes(t.state));
    const mine = (id: string) => targets.filter((x) => x.subject_id === id);
    const breached = openRows.filter((t) => mine(t.id).some((x) => isBreachedAt(x, now)));
    const atRisk = openRows.filter(
      (t) => !breached.includes(t) && mine(t.id).some((x) => isAtRiskAt(x, now)),
    );
    const today = localDateOf(now, 'Asia/Shanghai');
    // Due today: the ticket's next due time (its earliest running target's) falls on today.
    const dueToday = openRows.filter((t) => {
      const dues = mine(t.id)
        .filter((x) => (RUNNING_TARGET_STATES as readonly string[]).includes(x.state) && x.dueAt !== null)
        .map((x) => x.dueAt!.getTime());
      return dues.length > 0 && localDateOf(new Date(Math.min(...dues)), 'Asia/Shanghai') === today;
    });
    return { open: openRows, breached, atRisk, dueToday };
  };

  it('RPT-1: the general manager sees every open ticket by type and SLA state, matching hand-built data and a brute-force count', async () => {
    const d = await board(gm);
    const ref = await reference(null);
    // Hand-built: 8 tickets, one cancelled; four from Monday of which three run late and one is paused.
    expect(d.tickets.open.count).toBe(7);
    expect(d.tickets.waitingDepartment.count).toBe(1);
    expect(d.tickets.breached.count).toBe(3);
    expect(d.tickets.atRisk.count).toBe(1);
    expect(d.tickets.open.count).toBe(ref.open.length);
    expect(d.tickets.breached.count).toBe(ref.breached.length);
    expect(d.tickets.atRisk.count).toBe(ref.atRisk.length);
    expect(d.tickets.dueToday.count).toBe(ref.dueToday.length);
    // The fresh tickets taken in this morning owe their first answer today.
    expect(ref.dueToday.map((t) => t.id)).toEqual(expect.arrayContaining([ids.fresh_soft]));
    const repair = d.tickets.byType.find((r) => r.type === 'repair')!;
    expect(repair.open.count).toBe(3); // late, paused, risky (the cancelled one is not open)
    expect(repair.pendingCustomer.count).toBe(1);
    expect(repair.breached.count).toBe(1);
    expect(repair.atRisk.count).toBe(1);
    const rect = d.tickets.byType.find((r) => r.type === 'rectification')!;
    expect(rect.waitingDepartment.count).toBe(1);
    expect(d.tickets.byType.map((r) => r.type).sort()).toEqual(
      ['hard_complaint', 'rectification', 'repair', 'soft_complaint'].sort(),
    );
  });

  it('RPT-1: every tile links to the list showing exactly the counted tickets', async () => {
    const d = await board(gm);
    const ref = await reference(null);
    const tiles = [
      d.tickets.open,
      d.tickets.dueToday,
      d.tickets.breached,
      d.tickets.atRisk,
      d.tickets.waitingDepartment,
      ...d.tickets.byType.flatMap((r) => [
        r.open,
        r.atRisk,
        r.breached,
        r.waitingDepartment,
        r.pendingCustomer,
      ]),
    ];
    for (const tile of tiles) expect((await listTotal(gm, tile)).total, tile.href).toBe(tile.count);
    const breached = await listTotal(gm, d.tickets.breached);
    expect(breached.items.map((t) => t.id).sort()).toEqual(ref.breached.map((t) => t.id).sort());
    expect(breached.items.map((t) => t.id).sort()).toEqual(
      [ids.late_soft, ids.late_repair, ids.late_rect].sort(),
    );
    const atRisk = await listTotal(gm, d.tickets.atRisk);
    expect(atRisk.items.map((t) => t.id)).toEqual([ids.risky_repair]);
  });

  it('RPT-1: the unit filter narrows to a unit and below; a unit outside the scope is 404', async () => {
    const b = await board(gm, org.storeB.id);
    expect(b.unitId).toBe(org.storeB.id);
    expect(b.tickets.open.count).toBe(1);
    expect(b.tickets.byType.map((r) => r.type)).toEqual(['hard_complaint']);
    expect(b.tickets.open.href).toContain(`unitId=${org.storeB.id}`);
    const a = await board(supervisor);
    const refA = await reference([org.storeA.id, org.storeAEngineering.id]);
    expect(a.tickets.open.count).toBe(refA.open.length);
    expect(a.tickets.open.count).toBe(6);
    for (const tile of [a.tickets.open, a.tickets.breached, a.tickets.atRisk])
      expect((await listTotal(supervisor, tile)).total).toBe(tile.count);
    const outside = await supervisor.get(`/api/v1/dashboard?unitId=${org.storeB.id}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('org.unit_not_found');
    const unknown = await gm.get('/api/v1/dashboard?unitId=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const bad = await gm.get('/api/v1/dashboard?unitId=nope');
    expect(bad.statusCode).toBe(400);
    const extra = await gm.get('/api/v1/dashboard?days=3');
    expect(extra.statusCode).toBe(400);
  });

  it('RPT-1: tiles the caller may not read are left out, not zero', async () => {
    const gmBoard = await board(gm);
    expect(gmBoard.followUpsToday).not.toBeNull();
    expect(gmBoard.technicians).not.toBeNull();
    expect(gmBoard.satisfactionWeek).toMatchObject({ responses: 0, csatAverage: null });
    const memberBoard = await board(member);
    expect(memberBoard.followUpsToday).toBeNull();
    expect(memberBoard.technicians).toBeNull();
    expect(memberBoard.satisfactionWeek).toBeNull();
  });

  it("RPT-1: a department member's landing page shows the replies the department owes, late ones counted", async () => {
    const owes = (await member.get('/api/v1/dashboard/department')).json() as DepartmentOwes;
    expect(owes.departments).toHaveLength(1);
    expect(owes.departments[0]).toMatchObject({ id: org.storeAEngineering.id, overdue: 1, dueToday: 0 });
    expect(owes.departments[0]!.waiting.count).toBe(1);
    expect(owes).toMatchObject({ total: 1, overdue: 1 });
    expect(owes.departments[0]!.waiting.href).toBe(
      `/department-inbox?departmentId=${org.storeAEngineering.id}`,
    );
    // The inbox behind the link lists that one ticket.
    const inbox = await member.get(`/api/v1/department-inbox?departmentId=${org.storeAEngineering.id}`);
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(JSON.stringify(inbox.json())).toContain(ids.late_rect!);
    // Someone in no department owes nothing.
    const none = (await gm.get('/api/v1/dashboard/department')).json() as DepartmentOwes;
    expect(none).toMatchObject({ departments: [], total: 0, overdue: 0 });
  });
});
