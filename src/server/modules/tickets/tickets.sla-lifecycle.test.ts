import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES, type TicketType } from '../../../domain/sla';
import { rowsOf } from '../../app/db';
import { listMigrations } from '../../app/migrate';
import { runWorkerOnce } from '../../jobs/worker';
import type { HttpSession } from '../../test/test-app';
import { createComplaintsWorld, type Ticket as WorldTicket } from '../complaints/complaints.test-world';

type Ticket = Omit<WorldTicket, 'slaTargets'> & {
  slaTargets: (WorldTicket['slaTargets'][number] & { endReason: string | null; startedAt: string | null })[];
};

// SLA-10 and the reply rules of SLA-3…6 on real tickets, through the HTTP API, on both databases.

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
beforeAll(async () => {
  w = await createComplaintsWorld();
});
afterAll(() => w.kefu.close());

const DAY = 86_400_000;
const create = (extra: Record<string, unknown>) => w.create(extra, w.agentA);
const ok = async (res: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Ticket;
};
const get = async (id: string) => ok(w.agentA.get(`/api/v1/tickets/${id}`));
/** Moves the clock; everyone makes a request, as people at work would, so no session idles out. */
async function later(ms: number) {
  w.kefu.clock.advanceBy(ms);
  for (const s of [w.admin, w.agentA, w.deptMember, w.supervisor, w.gm, w.qm, w.kpi])
    await s.get('/api/v1/notifications');
}
/** SLA notices (at risk, breached, escalated: those carry the target) about one ticket. */
const noticesOn = async (session: HttpSession, ticketId: string) =>
  (await w.notices(session)).filter(
    (n) => n.subjectId === ticketId && ['at_risk', 'breached', 'escalated'].includes(n.kind),
  );
const reply = (id: string, body: Record<string, unknown>) => w.act(w.agentA, id, 'replies', body);
const departmentReply = () => ({
  findings: '现场查看：卫生间地漏反坡，施工时找坡不足',
  rootCause: '工程部·泥工班组：找坡工序未验收',
  correctiveAction: { kind: 'rework', text: '重新找坡并做闭水试验' },
  preventiveAction: '找坡工序纳入隐蔽工程验收清单',
  committedDate: '2026-12-31',
  responsiblePersonId: w.ids.c_dept_member,
});

/** Closes a complaint the only way it may close (CMP-5): through close-out. */
async function closeComplaint(id: string) {
  await ok(w.act(w.agentA, id, 'close-out', { note: '已处理完毕，客户满意' }));
  await ok(w.act(w.qm, id, 'close-out/quality-opinion', { text: '责任在物流部，处理及时' }));
  await ok(w.act(w.kpi, id, 'close-out/assessment', { text: '已计入物流部当月考核' }));
  await ok(w.act(w.gm, id, 'close-out/approve', { text: '同意结案' }));
}

describe('SLA-10: every target ends with its ticket', () => {
  it('SLA-10: a closed repair ticket ends every target it still ran; five days later nothing has escalated', async () => {
    const t = await create({ type: 'repair', subject: '沙发腿断裂报修' });
    await ok(reply(t.id, { kind: 'acknowledgement', body: '已收到，师傅明天联系您' }));
    await ok(w.act(w.agentA, t.id, 'transition', { to: 'resolved' }));
    const closed = await ok(w.act(w.agentA, t.id, 'transition', { to: 'closed' }));
    expect(closed.slaTargets.map((x) => [x.key, x.state, x.endReason])).toEqual([
      ['contact', 'met', null],
      ['solution', 'ended', 'subject_closed'],
      ['follow_up', 'ended', 'subject_closed'],
    ]);
    await later(5 * DAY);
    await runWorkerOnce(w.kefu.deps);
    for (const s of [w.agentA, w.supervisor]) expect(await noticesOn(s, t.id)).toEqual([]);
  });

  it('SLA-10 / SLA-5: a hard complaint resolved, evaluated and closed through close-out escalates nothing afterwards', async () => {
    const t = await create({ type: 'hard_complaint', subject: '新沙发表面开裂' });
    await ok(reply(t.id, { kind: 'acknowledgement', body: '已收到您的投诉，一小时内给您答复' }));
    const committedAt = new Date(w.kefu.clock.now().getTime() + 2 * DAY).toISOString();
    await ok(
      w.act(w.agentA, t.id, 'progress', { kind: 'second_response', body: '两天内上门更换', committedAt }),
    );
    await ok(w.act(w.agentA, t.id, 'transition', { to: 'resolved' }));
    await ok(w.act(w.agentA, t.id, 'evaluation', { result: 'satisfied' }));
    await closeComplaint(t.id);
    const closed = await get(t.id);
    expect(closed.state).toBe('closed');
    expect(closed.slaTargets.find((x) => x.key === 'follow_up')).toMatchObject({
      state: 'ended',
      endReason: 'subject_closed',
    });
    await later(5 * DAY);
    await runWorkerOnce(w.kefu.deps);
    for (const s of [w.agentA, w.supervisor, w.gm]) expect(await noticesOn(s, t.id)).toEqual([]);
  });

  it('SLA-10: cancelling ends pending targets too; reopening a closed ticket restarts only the resolution', async () => {
    const cancelled = await create({ type: 'hard_complaint' });
    const after = await ok(
      w.act(w.agentA, cancelled.id, 'transition', { to: 'cancelled', reason: '客户撤诉' }),
    );
    expect(new Set(after.slaTargets.map((x) => `${x.state}:${x.endReason}`))).toEqual(
      new Set(['ended:subject_cancelled']),
    );

    const t = await create({ type: 'installation', subject: '衣柜安装后门板不齐' });
    await ok(reply(t.id, { body: '已安排师傅下周上门调整' }));
    await ok(w.act(w.agentA, t.id, 'transition', { to: 'resolved' }));
    await ok(w.act(w.agentA, t.id, 'transition', { to: 'closed' }));
    await later(DAY);
    const reopened = await ok(
      w.act(w.agentA, t.id, 'transition', { to: 'in_progress', reason: '门板又松了' }),
    );
    const runs = reopened.slaTargets.map((x) => [x.key, x.state]);
    expect(runs).toEqual([
      ['first_response', 'met'],
      ['resolution', 'met'],
      ['resolution', 'on_track'],
    ]);
    const fresh = reopened.slaTargets[2]!;
    expect(new Date(fresh.startedAt!).getTime()).toBe(w.kefu.clock.now().getTime());
  });

  it('SLA-10: a target still waiting for its start is met by its event (resolved before any time was committed)', async () => {
    const t = await create({ type: 'hard_complaint' });
    await ok(reply(t.id, { kind: 'acknowledgement', body: '收到' }));
    const resolved = await ok(w.act(w.agentA, t.id, 'transition', { to: 'resolved' }));
    expect(resolved.slaTargets.find((x) => x.key === 'resolution')!.state).toBe('met');
    // The satisfaction call starts when the resolution is met.
    expect(resolved.slaTargets.find((x) => x.key === 'follow_up')!.state).toBe('on_track');
    const called = await ok(
      w.act(w.agentA, t.id, 'milestones', { kind: 'satisfaction_call', note: '客户满意' }),
    );
    expect(called.slaTargets.find((x) => x.key === 'follow_up')!.state).toBe('met');
    const twice = await w.act(w.agentA, t.id, 'milestones', { kind: 'satisfaction_call' });
    expect(twice.statusCode).toBe(409);
    expect((twice.json() as { code: string }).code).toBe('tickets.satisfaction_call_already_made');
  });

  it('SLA-10: every target of every ticket type can be met by an action on the ticket', async () => {
    // How each SLA event is produced on a ticket through the API. A policy target whose event is
    // missing here has no way to be met, and this test names it.
    const produce: Record<string, (id: string) => Promise<unknown>> = {
      first_responded: (id) => ok(reply(id, { kind: 'acknowledgement', body: '已受理' })),
      customer_contacted: (id) => ok(reply(id, { kind: 'acknowledgement', body: '已联系客户' })),
      customer_replied: (id) =>
        ok(reply(id, { kind: 'answer', body: '答复', answerWithoutDepartmentReason: '客户急需答复' })),
      department_replied: (id) => ok(w.act(w.deptMember, id, 'department-replies', departmentReply())),
      verified: (id) => ok(w.act(w.agentA, id, 'progress', { kind: 'verified', body: '已核实' })),
      second_responded: (id) =>
        ok(
          w.act(w.agentA, id, 'progress', {
            kind: 'second_response',
            body: '方案已定',
            committedAt: new Date(w.kefu.clock.now().getTime() + 3 * DAY).toISOString(),
          }),
        ),
      result_replied: (id) => ok(w.act(w.agentA, id, 'progress', { kind: 'result', body: '已整改完毕' })),
      resolved: (id) => ok(w.act(w.agentA, id, 'transition', { to: 'resolved' })),
      solution_offered: (id) => ok(w.act(w.agentA, id, 'milestones', { kind: 'solution_offered' })),
      satisfaction_call_made: async (id) => {
        // SLA-6: the repair's call runs once the item is back.
        const t = await get(id);
        const waits = t.slaTargets.find((x) => x.key === 'follow_up' && x.state === 'pending');
        if (waits && t.slaTargets.some((x) => x.key === 'solution'))
          await ok(w.act(w.agentA, id, 'milestones', { kind: 'item_returned' }));
        return ok(w.act(w.agentA, id, 'milestones', { kind: 'satisfaction_call' }));
      },
    };
    const unmet: string[] = [];
    for (const [type, policy] of Object.entries(DEFAULT_SLA_POLICIES) as [
      TicketType,
      (typeof DEFAULT_SLA_POLICIES)[TicketType],
    ][]) {
      const t = await create({
        type,
        subject: `SLA-10 ${type}`,
        ...(type === 'rectification' ? { rectificationKind: 'engineering' } : {}),
      });
      for (const target of policy.targets) {
        const make = produce[target.stopsOn];
        if (!make) {
          unmet.push(`${type}.${target.key}: no action emits "${target.stopsOn}"`);
          continue;
        }
        await make(t.id);
      }
      const after = await get(t.id);
      for (const target of after.slaTargets)
        if (!['met', 'met_late'].includes(target.state)) unmet.push(`${type}.${target.key}: ${target.state}`);
    }
    expect(unmet).toEqual([]);
  });

  it('SLA-10: a policy naming an event no ticket emits is refused', async () => {
    const res = await w.admin.request('PUT', `/api/v1/sla/policies?unitId=${w.org.storeA.id}`, {
      policies: [
        {
          ticketType: 'repair',
          targets: [
            {
              key: 'contact',
              startsOn: 'intake',
              stopsOn: 'technician_waved',
              allowed: { unit: 'working_days', amount: 1 },
              pausesWhenPendingCustomer: true,
            },
          ],
        },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'sla.invalid_policy' });
  });

  it('SLA-10: the escalation job ends a target whose ticket ended behind its back instead of chasing anyone', async () => {
    const t = await create({ type: 'soft_complaint' });
    // A ticket closed by a path that forgot its targets (as releases before SLA-10 did).
    await w.kefu.deps.db.execute(
      sql`update tickets set state = 'closed', closed_at = now() where id = ${t.id}`,
    );
    await later(DAY);
    await runWorkerOnce(w.kefu.deps);
    const after = await get(t.id);
    expect(after.slaTargets.every((x) => x.state === 'ended')).toBe(true);
    for (const s of [w.agentA, w.supervisor]) expect(await noticesOn(s, t.id)).toEqual([]);
  });

  it('SLA-10: the migration ends the orphans already in a database and says how many', async () => {
    const orphan = await create({ type: 'repair' });
    const healthy = await create({ type: 'repair' });
    const db = w.kefu.deps.db;
    await db.execute(sql`update tickets set state = 'closed', closed_at = now() where id = ${orphan.id}`);
    // The state releases before SLA-10 gave targets of a type change.
    await db.execute(
      sql`update sla_targets set state = 'cancelled' where subject_id = ${healthy.id} and key = 'follow_up'`,
    );
    const migration = listMigrations().find((m) => m.tag === '0025_sla_target_end')!;
    await db.transaction(async (tx) => {
      for (const statement of migration.sql.split('--> statement-breakpoint').slice(2))
        if (statement.trim()) await tx.execute(sql.raw(statement));
    });
    expect((await get(orphan.id)).slaTargets.map((x) => [x.state, x.endReason])).toEqual([
      ['ended', 'subject_closed'],
      ['ended', 'subject_closed'],
      ['ended', 'subject_closed'],
    ]);
    expect((await get(healthy.id)).slaTargets.map((x) => x.state)).toEqual(['on_track', 'on_track', 'ended']);
    const [report] = rowsOf<{ after: { orphansEnded: number; cancelledRenamed: number } }>(
      await db.execute(
        sql`select after from audit_log where action = 'sla.targets.orphans_ended' order by id desc limit 1`,
      ),
    );
    expect(report!.after).toEqual({ orphansEnded: 3, cancelledRenamed: 1 });
  });
});

describe('SLA-8: a notice says which ticket ran late', () => {
  it('SLA-8: the breach notice and the escalation carry the ticket number and subject, so the notifications page can name it', async () => {
    const t = await create({ type: 'repair', subject: '餐桌桌面开裂报修' });
    await later(3 * DAY);
    await runWorkerOnce(w.kefu.deps);
    for (const session of [w.agentA, w.supervisor]) {
      const notices = await noticesOn(session, t.id);
      expect(notices.length).toBeGreaterThan(0);
      for (const n of notices)
        expect(n.payload).toMatchObject({ number: t.number, title: '餐桌桌面开裂报修' });
    }
  });
});

describe('SLA-8: a notice says which ticket ran late', () => {
  it('SLA-8: the breach notice and the escalation carry the ticket number and subject, so the notifications page can name it', async () => {
    const t = await create({ type: 'repair', subject: '餐桌桌面开裂报修' });
    await later(3 * DAY);
    await runWorkerOnce(w.kefu.deps);
    for (const session of [w.agentA, w.supervisor]) {
      const notices = await noticesOn(session, t.id);
      expect(notices.length).toBeGreaterThan(0);
      for (const n of notices)
        expect(n.payload).toMatchObject({ number: t.number, title: '餐桌桌面开裂报修' });
    }
  });
});

describe('SLA-3…6: only the real reply meets a reply target', () => {
  it('SLA-3: an acknowledgement does not meet the rectification customer reply; the answer waits for the findings or says why', async () => {
    const t = await create({ type: 'rectification', rectificationKind: 'engineering' });
    const ack = await ok(reply(t.id, { kind: 'acknowledgement', body: '已收到，已转工程部调查' }));
    expect(w.target(ack, 'customer_reply').state).toBe('on_track');
    const progress = await ok(reply(t.id, { kind: 'progress', body: '工程部今天已到现场查看' }));
    expect(w.target(progress, 'customer_reply').state).toBe('on_track');
    expect(progress.timeline.filter((e) => e.type === 'reply').map((e) => e.body.kind)).toEqual([
      'acknowledgement',
      'progress',
    ]);

    const early = await reply(t.id, { kind: 'answer', body: '我们会尽快整改' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'tickets.answer_before_department_reply' });
    expect(w.target(await get(t.id), 'customer_reply').state).toBe('on_track');

    await ok(w.act(w.deptMember, t.id, 'department-replies', departmentReply()));
    const answered = await ok(
      reply(t.id, { kind: 'answer', body: '经工程部调查，地漏找坡不足，12月31日前返工' }),
    );
    expect(w.target(answered, 'customer_reply').state).toBe('met');
  });

  it('SLA-3: an indirect consultation may be answered before the department only with a reason, which is recorded', async () => {
    const t = await create({ type: 'consultation_indirect', subject: '询问物业费能否分期' });
    expect((await reply(t.id, { body: '可以分期' })).statusCode).toBe(409);
    const answered = await ok(
      reply(t.id, {
        kind: 'answer',
        body: '可以分两期交',
        answerWithoutDepartmentReason: '财务部已有书面规定',
      }),
    );
    expect(w.target(answered, 'customer_reply').state).toBe('met');
    expect(answered.timeline.at(-1)!.body).toMatchObject({
      kind: 'answer',
      answerWithoutDepartmentReason: '财务部已有书面规定',
    });
  });

  it('SLA-4: an acknowledgement is the soft complaint’s first response; a progress update is not', async () => {
    const t = await create({ type: 'soft_complaint' });
    const progress = await ok(reply(t.id, { kind: 'progress', body: '正在了解情况' }));
    expect(w.target(progress, 'first_response').state).toBe('on_track');
    const ack = await ok(reply(t.id, { kind: 'acknowledgement', body: '非常抱歉，我们马上处理' }));
    expect(w.target(ack, 'first_response').state).toBe('met');
  });

  it('CMP-5: a complaint is not closed by a plain state change, alone or in bulk', async () => {
    const t = await create({ type: 'soft_complaint' });
    await ok(w.act(w.agentA, t.id, 'transition', { to: 'resolved' }));
    const plain = await w.act(w.agentA, t.id, 'transition', { to: 'closed' });
    expect(plain.statusCode).toBe(409);
    expect(plain.json()).toMatchObject({ code: 'complaints.close_out_required' });
    const bulk = await w.agentA.post('/api/v1/tickets/bulk/transition', { ticketIds: [t.id], to: 'closed' });
    expect(JSON.stringify(bulk.json())).toContain('complaints.close_out_required');
    expect((await get(t.id)).state).toBe('resolved');
  });
});

describe('SLA-10: the rows behind it', () => {
  it('SLA-10: no ended ticket in this database has a live target', async () => {
    const rows = rowsOf<{ n: number }>(
      await w.kefu.deps.db.execute(sql`select count(*)::int as n from sla_targets s join tickets t
        on s.subject_type = 'ticket' and t.id::text = s.subject_id
        where t.state in ('closed', 'cancelled', 'merged')
          and s.state in ('pending', 'on_track', 'at_risk', 'breached', 'escalated', 'paused')`),
    );
    expect(rows[0]!.n).toBe(0);
  });
});
