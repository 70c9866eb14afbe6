import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPng } from '../attachments/attachments.test-images';
import { createComplaintsWorld, type Ticket } from './complaints.test-world';

let w: Awaited<ReturnType<typeof createComplaintsWorld>>;
beforeAll(async () => {
  w = await createComplaintsWorld();
});
afterAll(() => w.kefu.close());

const reply = (extra: Record<string, unknown> = {}) => ({
  findings: '现场查看：卫生间地漏反坡，施工时找坡不足',
  rootCause: '工程部·泥工班组：找坡工序未验收',
  correctiveAction: { kind: 'rework', text: '重新找坡并做闭水试验' },
  preventiveAction: '找坡工序纳入隐蔽工程验收清单',
  committedDate: '2026-03-10',
  responsiblePersonId: w.ids.c_dept_member,
  ...extra,
});

describe('department handling (CMP-3, SLA-3)', () => {
  it('CMP-3 / SLA-3: the department sees what it owes (reply due in 2 working days); its reply meets it, sets the committed date that starts the result w.target, and hands the ticket back', async () => {
    const t = await w.create({
      type: 'rectification',
      rectificationKind: 'engineering',
      subject: '卫生间积水',
    });
    expect(t.state).toBe('waiting_department');
    // Monday 10:00 + 2 working days = close of business Wednesday 4 March (18:00 Shanghai).
    expect(w.target(t, 'department_reply').dueAt).toBe('2026-03-04T10:00:00.000Z');

    const inbox = await w.deptMember.get('/api/v1/department-inbox');
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json().departments).toEqual([{ id: w.org.storeAEngineering.id, name: '工程部' }]);
    const item = inbox.json().items.find((i: { id: string }) => i.id === t.id);
    expect(item.departmentReply).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-04T10:00:00.000Z',
      overdue: false,
    });

    w.kefu.clock.advanceBy(26 * 3_600_000); // Tuesday 12:00
    const res = await w.act(w.deptMember, t.id, 'department-replies', reply());
    expect(res.statusCode, res.body).toBe(200);
    const after: Ticket = res.json();
    expect(after.state).toBe('in_progress');
    expect(w.target(after, 'department_reply').state).toBe('met');
    // The committed date starts the result target: due at close of business on 10 March.
    expect(w.target(after, 'result_reply')).toMatchObject({
      state: 'on_track',
      dueAt: '2026-03-10T10:00:00.000Z',
    });
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'department_replied',
      body: { committedDate: '2026-03-10' },
    });
    expect(
      (await w.deptMember.get('/api/v1/department-inbox')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(t.id);
    expect(
      (await w.notices(w.agentA)).some((n) => n.kind === 'department_replied' && n.subjectId === t.id),
    ).toBe(true);
    const record = await w.complaint(t.id);
    expect(record.departmentReplies[0]).toMatchObject({
      correctiveAction: { kind: 'rework' },
      responsiblePerson: { id: w.ids.c_dept_member },
      department: { id: w.org.storeAEngineering.id },
    });

    // SLA-3: the agent's reply meets customer_reply, the result update meets result_reply.
    const answered: Ticket = (
      await w.act(w.agentA, t.id, 'replies', { body: '部门已确认，将于 3 月 10 日前返工' })
    ).json();
    expect(w.target(answered, 'customer_reply').state).toBe('met');
    const result: Ticket = (
      await w.act(w.agentA, t.id, 'progress', { kind: 'result', body: '已返工完毕，闭水试验合格' })
    ).json();
    expect(w.target(result, 'result_reply').state).toBe('met');
  });

  it('CMP-3: every reply is readable on the ticket — findings, root cause, actions, committed date, who and when — by the intake agent, the department and the general manager; another store gets 404', async () => {
    const t = await w.create({
      type: 'rectification',
      rectificationKind: 'engineering',
      subject: '阳台渗水',
    });
    const empty = await w.agentA.get(`/api/v1/tickets/${t.id}/department-replies`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json().items).toEqual([]);
    expect((await w.act(w.deptMember, t.id, 'department-replies', reply())).statusCode).toBe(200);
    const revised = reply({ findings: '复查：外墙打胶老化', committedDate: '2026-03-12' });
    expect((await w.act(w.deptHead, t.id, 'department-replies', revised)).statusCode).toBe(200);
    for (const session of [w.agentA, w.deptMember, w.gm]) {
      const res = await session.get(`/api/v1/tickets/${t.id}/department-replies`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items;
      expect(items).toHaveLength(2);
      expect(items[0]).toMatchObject({
        department: { id: w.org.storeAEngineering.id, name: '工程部' },
        findings: '现场查看：卫生间地漏反坡，施工时找坡不足',
        rootCause: '工程部·泥工班组：找坡工序未验收',
        correctiveAction: { kind: 'rework', text: '重新找坡并做闭水试验' },
        preventiveAction: '找坡工序纳入隐蔽工程验收清单',
        committedDate: '2026-03-10',
        responsiblePerson: { id: w.ids.c_dept_member },
        author: { id: w.ids.c_dept_member },
      });
      expect(items[0].author.name).not.toBe('');
      expect(items[1]).toMatchObject({ findings: '复查：外墙打胶老化', author: { id: w.ids.c_dept_head } });
    }
    const outside = await w.agentB.get(`/api/v1/tickets/${t.id}/department-replies`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('tickets.not_found');
    expect((await w.agentA.get(`/api/v1/tickets/${crypto.randomUUID()}/department-replies`)).statusCode).toBe(
      404,
    );
  });

  it('CMP-3: only the responsible department replies (agent 403, other store 404); bad dates and unknown w.ids refused', async () => {
    const t = await w.create({ type: 'rectification', rectificationKind: 'engineering' });
    const byAgent = await w.act(w.agentA, t.id, 'department-replies', reply());
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('tickets.department_reply_forbidden');
    expect((await w.act(w.agentB, t.id, 'department-replies', reply())).statusCode).toBe(404);
    const past = await w.act(
      w.deptMember,
      t.id,
      'department-replies',
      reply({ committedDate: '2026-03-01' }),
    );
    expect(past.json().code).toBe('tickets.committed_date_in_past');
    const nobody = await w.act(
      w.deptMember,
      t.id,
      'department-replies',
      reply({ responsiblePersonId: crypto.randomUUID() }),
    );
    expect(nobody.statusCode).toBe(404);
    const badKind = await w.act(
      w.deptMember,
      t.id,
      'department-replies',
      reply({ correctiveAction: { kind: 'pray', text: 'x' } }),
    );
    expect(badKind.statusCode).toBe(400);
    const unknown = await w.act(w.deptMember, crypto.randomUUID(), 'department-replies', reply());
    expect(unknown.json().code).toBe('tickets.not_found');
    const noDept = await w.create({});
    expect((await w.act(w.admin, noDept.id, 'department-replies', reply())).json().code).toBe(
      'tickets.no_responsible_department',
    );
    expect(
      (await w.agentB.get(`/api/v1/department-inbox?departmentId=${w.org.storeAEngineering.id}`)).statusCode,
    ).toBe(404);
  });
});

describe('ticket extensions', () => {
  it('IN-4: photos attach to a ticket; a store-B agent gets 404 for it', async () => {
    const t = await w.create({});
    const boundary = '----kefucomplaint';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectType"\r\n\r\nticket\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectId"\r\n\r\n${t.id}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="破损.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      tinyPng(3, 2),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const up = await w.agentA.request('POST', '/api/v1/attachments', body, headers);
    expect(up.statusCode, up.body).toBe(201);
    const listed = await w.agentA.get(`/api/v1/attachments?subjectType=ticket&subjectId=${t.id}`);
    expect(listed.json().items).toHaveLength(1);
    expect((await w.agentB.get(`/api/v1/attachments?subjectType=ticket&subjectId=${t.id}`)).statusCode).toBe(
      404,
    );
    expect((await w.agentB.request('POST', '/api/v1/attachments', body, headers)).statusCode).toBe(404);
  });

  it('CUS-1: the customer card shows the open tickets', async () => {
    const c = await w.agentA.post('/api/v1/customers', {
      unitId: w.org.storeA.id,
      name: '李女士',
      phones: [{ number: '13912345678' }],
    });
    expect(c.statusCode, c.body).toBe(201);
    const open = await w.create({ customerId: c.json().id, subject: '沙发腿磕坏' });
    const done = await w.create({ customerId: c.json().id, subject: '已处理的投诉' });
    await w.resolve(done.id);
    const card = (await w.agentA.get(`/api/v1/customers/${c.json().id}/card`)).json();
    expect(card.openTickets.map((x: { id: string }) => x.id)).toEqual([open.id]);
  });
});
