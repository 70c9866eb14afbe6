import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { migrationPath } from '../../test/migration-part';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { approvalRequests } from '../approvals/approvals.table';
import { careObjections } from '../care/care.table';

let kefu: TestKefu;
let writer: HttpSession;
let approver: HttpSession;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let writerId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  writerId = (await createUser(admin, 'obj.writer', org.east.id, 'cs_supervisor')).id;
  await createUser(admin, 'obj.approver', org.east.id, 'cs_supervisor');
  await createUser(admin, 'obj.agent', org.storeA.id, 'agent');
  writer = await kefu.login('obj.writer', TEST_PASSWORD);
  approver = await kefu.login('obj.approver', TEST_PASSWORD);
  agent = await kefu.login('obj.agent', TEST_PASSWORD);
});
afterAll(() => kefu.close());

const DAY = 86_400_000;
const objectionBody = (over: Record<string, unknown> = {}) => ({
  unitId: org.east.id,
  question: '我很忙，没空',
  answer: '理解您，只占用您一分钟，打个分就好；或者我换个时间再打给您？',
  sourceKind: 'objection',
  careRuleCode: 'survey_after_ticket',
  validFrom: new Date(kefu.clock.now().getTime() - DAY).toISOString(),
  validUntil: null,
  ...over,
});

async function publish(body: Record<string, unknown>): Promise<string> {
  const res = await writer.post('/api/v1/knowledge/articles', body);
  expect(res.statusCode, res.body).toBe(201);
  const [request] = await kefu.deps.db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.subjectType, 'kb_article_version'),
        eq(approvalRequests.subjectId, res.json().latest.id),
      ),
    );
  const ok = await approver.post(`/api/v1/approvals/${request!.id}/approve`);
  expect(ok.statusCode, ok.body).toBe(200);
  return res.json().id as string;
}

const careList = async (unitId: string, ruleCode?: string) => {
  const res = await agent.get(
    `/api/v1/care/units/${unitId}/objections${ruleCode ? `?ruleCode=${ruleCode}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; objection: string; answer: string; ruleCode: string | null }[];
};

/** The data part of the CARE-6 migration, as shipped (the statements that read care_objections). */
function care6Backfill(): string[] {
  const file = migrationPath('care6_objections_in_knowledge.sql');
  return readFileSync(file, 'utf8')
    .split('--> statement-breakpoint')
    .filter((s) => s.includes('FROM "care_objections"'));
}

describe('objection answers in the knowledge base (CARE-6)', () => {
  it('CARE-6: an objection answer is written and approved in the knowledge base and shown for its care rule beside the script', async () => {
    const id = await publish(objectionBody());
    const general = await publish(
      objectionBody({
        question: '你们怎么有我电话',
        answer: '您在门店登记过联系方式，我们只用于售后回访。',
        careRuleCode: null,
      }),
    );
    const forRule = await careList(org.storeA.id, 'survey_after_ticket');
    expect(forRule.map((o) => o.id)).toEqual(expect.arrayContaining([id, general]));
    expect(forRule.find((o) => o.id === id)).toMatchObject({
      objection: '我很忙，没空',
      ruleCode: 'survey_after_ticket',
    });
    // Another rule's calls see the general answer only.
    const other = (await careList(org.storeA.id, 'birthday')).map((o) => o.id);
    expect(other).toContain(general);
    expect(other).not.toContain(id);
    // Pending and lapsed answers are not shown.
    const pending = await writer.post('/api/v1/knowledge/articles', objectionBody({ question: '太贵了' }));
    expect(pending.statusCode).toBe(201);
    const lapsed = await publish(
      objectionBody({
        question: '下次再说',
        validUntil: new Date(kefu.clock.now().getTime() + 3_600_000).toISOString(),
      }),
    );
    expect((await careList(org.storeA.id)).map((o) => o.objection)).not.toContain('太贵了');
    kefu.clock.set(new Date(kefu.clock.now().getTime() + 2 * 3_600_000));
    agent = await kefu.login('obj.agent', TEST_PASSWORD);
    writer = await kefu.login('obj.writer', TEST_PASSWORD);
    approver = await kefu.login('obj.approver', TEST_PASSWORD);
    expect((await careList(org.storeA.id)).map((o) => o.id)).not.toContain(lapsed);
  });

  it('CARE-6: the care module no longer writes objection answers (410 with a pointer to the knowledge base)', async () => {
    const supervisor = writer;
    const created = await supervisor.post('/api/v1/care/objections', {
      unitId: org.storeA.id,
      ruleCode: null,
      objection: '不需要',
      answer: '好的，打扰了。',
    });
    expect(created.statusCode).toBe(410);
    expect(created.json().code).toBe('care.objections_moved');
    const id = (await careList(org.storeA.id))[0]!.id;
    expect((await supervisor.patch(`/api/v1/care/objections/${id}`, { answer: 'x' })).json().code).toBe(
      'care.objections_moved',
    );
    expect((await supervisor.request('DELETE', `/api/v1/care/objections/${id}`)).statusCode).toBe(410);
  });

  it('CARE-6 / CL-2: an objection answer never closes a consultation and is not offered while typing a ticket', async () => {
    const id = await publish(
      objectionBody({
        question: '营业时间太短了',
        answer: '感谢建议，我们会反馈给门店。',
        careRuleCode: null,
      }),
    );
    const closed = await agent.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'consultation_direct',
      channel: 'phone',
      subject: '营业时间',
      answerArticleId: id,
    });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().code).toBe('knowledge.not_consultation_answer');
    const s = await agent.post('/api/v1/knowledge/suggestions', {
      unitId: org.storeA.id,
      subject: '营业时间太短了',
      description: '',
    });
    expect(s.json().answers.map((a: { articleId: string }) => a.articleId)).not.toContain(id);
    // A care rule code belongs to objection answers only.
    const wrong = await writer.post(
      '/api/v1/knowledge/articles',
      objectionBody({ sourceKind: 'sales_qa', careRuleCode: 'birthday' }),
    );
    expect(wrong.statusCode).toBe(400);
  });

  it('CARE-6: the migration moves each care objection answer, text and rule, into an approved knowledge answer (same id), once', async () => {
    const now = kefu.clock.now();
    const [row] = await kefu.deps.db
      .insert(careObjections)
      .values({
        unitId: org.storeA.id,
        ruleCode: 'survey_after_ticket',
        objection: '上次的问题还没解决',
        answer: '非常抱歉，我马上为您登记并请负责同事今天回电。',
        sortOrder: 1,
        updatedBy: writerId,
        updatedAt: new Date(now.getTime() - DAY),
      })
      .returning();
    const statements = care6Backfill();
    expect(statements).toHaveLength(2);
    // Run twice: a second run (a re-applied script) copies nothing more.
    for (let round = 0; round < 2; round++) for (const s of statements) await kefu.deps.database.exec(s);
    const moved = await writer.get(`/api/v1/knowledge/articles/${row!.id}`);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      offered: true,
      published: {
        version: 1,
        question: '上次的问题还没解决',
        answer: '非常抱歉，我马上为您登记并请负责同事今天回电。',
        sourceKind: 'objection',
        careRuleCode: 'survey_after_ticket',
        state: 'approved',
        approver: { id: writerId },
      },
    });
    expect(moved.json().versions).toHaveLength(1);
    expect((await careList(org.storeA.id, 'survey_after_ticket')).map((o) => o.id)).toContain(row!.id);
  });
});
