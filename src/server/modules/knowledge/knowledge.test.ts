import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { approvalRequests } from '../approvals/approvals.table';
import { auditLog } from '../audit/audit.table';
import { notifications } from '../notifications/notifications.table';
import { tinyPng, windowsProgram } from '../attachments/attachments.test-images';
import { remindExpiringAnswers } from './knowledge.reminders';

let kefu: TestKefu;
let admin: HttpSession;
let writer: HttpSession;
let approver: HttpSession;
let agentA: HttpSession;
let agentB: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let writerId: string;

const DAY = 86_400_000;
const START = new Date('2026-03-02T02:00:00Z');

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  writerId = (await createUser(admin, 'kb.writer', org.east.id, 'cs_supervisor')).id;
  await createUser(admin, 'kb.approver', org.east.id, 'cs_supervisor');
  await createUser(admin, 'kb.agent.a', org.storeA.id, 'agent');
  await createUser(admin, 'kb.agent.b', org.storeB.id, 'agent');
  await signIn();
});

/** Sessions lapse when the clock jumps, so each test that moves it signs everyone in again. */
async function signIn() {
  admin = await kefu.login('admin');
  writer = await kefu.login('kb.writer', TEST_PASSWORD);
  approver = await kefu.login('kb.approver', TEST_PASSWORD);
  agentA = await kefu.login('kb.agent.a', TEST_PASSWORD);
  agentB = await kefu.login('kb.agent.b', TEST_PASSWORD);
}
async function setClock(at: Date) {
  kefu.clock.set(at);
  await signIn();
}
afterAll(() => kefu.close());

type Article = {
  id: string;
  offered: boolean;
  usageCount: number;
  published: { id: string; version: number; answer: string; approver: { id: string } | null } | null;
  latest: { id: string; version: number; state: string };
  versions: { version: number; state: string }[];
};
type Suggestions = {
  words: string[];
  answers: { articleId: string; answer: string }[];
  tickets: { number: string; resolution: string | null }[];
};

const iso = (d: Date) => d.toISOString();
const answerBody = (over: Record<string, unknown> = {}) => ({
  unitId: org.east.id,
  question: '空调安装收费吗？',
  answer: '本店售出的空调首次标准安装免费，含3米铜管；超出部分按价目表收费。',
  sourceKind: 'sales_qa',
  validFrom: iso(START),
  validUntil: iso(new Date(START.getTime() + 90 * DAY)),
  ...over,
});

async function approvalOf(versionId: string): Promise<string> {
  const [row] = await kefu.deps.db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(eq(approvalRequests.subjectType, 'kb_article_version'), eq(approvalRequests.subjectId, versionId)),
    );
  return row!.id;
}

async function publish(body: Record<string, unknown>): Promise<Article> {
  const res = await writer.post('/api/v1/knowledge/articles', body);
  expect(res.statusCode, res.body).toBe(201);
  const created: Article = res.json();
  const ok = await approver.post(`/api/v1/approvals/${await approvalOf(created.latest.id)}/approve`);
  expect(ok.statusCode, ok.body).toBe(200);
  return (await writer.get(`/api/v1/knowledge/articles/${created.id}`)).json();
}

const suggest = async (who: HttpSession, unitId: string, subject: string, description = '') => {
  const res = await who.post('/api/v1/knowledge/suggestions', { unitId, subject, description });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Suggestions;
};

describe('approved answers (答客问)', () => {
  it('KB-1: a new answer waits for the supervisor’s approval and is offered only once approved', async () => {
    kefu.clock.set(START);
    const res = await writer.post('/api/v1/knowledge/articles', answerBody());
    expect(res.statusCode, res.body).toBe(201);
    const created: Article = res.json();
    expect(created.latest.state).toBe('pending');
    expect(created.offered).toBe(false);
    expect((await suggest(agentA, org.storeA.id, '空调安装要钱吗')).answers).toEqual([]);
    // Nobody approves their own answer.
    const own = await writer.post(`/api/v1/approvals/${await approvalOf(created.latest.id)}/approve`);
    expect(own.statusCode).toBe(403);
    const ok = await approver.post(`/api/v1/approvals/${await approvalOf(created.latest.id)}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
    const article: Article = (await writer.get(`/api/v1/knowledge/articles/${created.id}`)).json();
    expect(article.offered).toBe(true);
    expect(article.published!.approver).not.toBeNull();
    const s = await suggest(agentA, org.storeA.id, '空调安装要钱吗');
    expect(s.answers[0]!.articleId).toBe(created.id);
    // The approval inbox links to the version; the article is found by it.
    expect((await writer.get(`/api/v1/knowledge/articles/${created.latest.id}`)).json().id).toBe(created.id);
  });

  it('KB-1: an edit is a new version needing approval; the published one stays offered until then', async () => {
    kefu.clock.set(START);
    const a = await publish(
      answerBody({ question: '冰箱保修几年？', answer: '冰箱整机保修一年，压缩机保修三年。' }),
    );
    const v2 = await writer.post(`/api/v1/knowledge/articles/${a.id}/versions`, {
      question: '冰箱保修几年？',
      answer: '冰箱整机保修三年，压缩机保修十年。',
      sourceKind: 'sales_qa',
      validFrom: iso(START),
      validUntil: null,
    });
    expect(v2.statusCode, v2.body).toBe(201);
    const pending: Article = v2.json();
    expect(pending.latest).toMatchObject({ version: 2, state: 'pending' });
    expect(pending.published!.version).toBe(1);
    let s = await suggest(agentA, org.storeA.id, '冰箱保修多久');
    expect(s.answers.find((x) => x.articleId === a.id)!.answer).toContain('一年');
    const again = await writer.post(`/api/v1/knowledge/articles/${a.id}/versions`, {
      question: '冰箱保修几年？',
      answer: '再改一次',
      sourceKind: 'sales_qa',
      validFrom: iso(START),
      validUntil: null,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('knowledge.version_pending');
    await approver.post(`/api/v1/approvals/${await approvalOf(pending.latest.id)}/approve`);
    const after: Article = (await writer.get(`/api/v1/knowledge/articles/${a.id}`)).json();
    expect(after.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    s = await suggest(agentA, org.storeA.id, '冰箱保修多久');
    expect(s.answers.find((x) => x.articleId === a.id)!.answer).toContain('三年');
  });

  it('KB-1: a sent-back version is never offered', async () => {
    kefu.clock.set(START);
    const res = await writer.post(
      '/api/v1/knowledge/articles',
      answerBody({
        question: '洗衣机以旧换新补贴多少？',
        answer: '以旧换新补贴200元。',
        sourceKind: 'promotion',
      }),
    );
    const created: Article = res.json();
    const back = await approver.post(`/api/v1/approvals/${await approvalOf(created.latest.id)}/send-back`, {
      reason: '活动尚未发布',
    });
    expect(back.statusCode, back.body).toBe(200);
    const a: Article = (await writer.get(`/api/v1/knowledge/articles/${created.id}`)).json();
    expect(a.latest.state).toBe('sent_back');
    expect(
      (await suggest(agentA, org.storeA.id, '洗衣机以旧换新补贴')).answers.map((x) => x.articleId),
    ).not.toContain(created.id);
  });

  it('KB-1 / CL-2: an expired answer is not offered and cannot be used; a current one counts its uses', async () => {
    kefu.clock.set(START);
    const a = await publish(
      answerBody({
        question: '五一促销空调满减怎么算？',
        answer: '五一期间空调满3000减300。',
        sourceKind: 'promotion',
        validUntil: iso(new Date(START.getTime() + 10 * DAY)),
      }),
    );
    const used = await agentA.post(`/api/v1/knowledge/articles/${a.id}/use`, {});
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().usageCount).toBe(1);
    const audits = await kefu.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'kb_article'), eq(auditLog.subjectId, a.id)));
    expect(audits.map((x) => x.action)).toContain('knowledge.article_used');
    await setClock(new Date(START.getTime() + 11 * DAY));
    expect((await suggest(agentA, org.storeA.id, '空调满减')).answers.map((x) => x.articleId)).not.toContain(
      a.id,
    );
    const late = await agentA.post(`/api/v1/knowledge/articles/${a.id}/use`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('knowledge.not_offered');
    await setClock(START);
  });

  it('KB-1: the owner is reminded once, N days before the answer lapses', async () => {
    kefu.clock.set(START);
    const a = await publish(
      answerBody({
        question: '会员积分什么时候清零？',
        answer: '会员积分每年12月31日清零。',
        validUntil: iso(new Date(START.getTime() + 30 * DAY)),
      }),
    );
    const mine = async () =>
      kefu.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, writerId), eq(notifications.subjectId, a.id)));
    await remindExpiringAnswers(kefu.deps);
    expect(await mine()).toHaveLength(0);
    kefu.clock.set(new Date(START.getTime() + 20 * DAY));
    await remindExpiringAnswers(kefu.deps);
    await remindExpiringAnswers(kefu.deps);
    const sent = await mine();
    expect(sent.map((n) => n.kind)).toEqual(['kb_answer_expiring']);
    await setClock(START);
  });

  it('KB-1: bad input is refused with a clear code; an agent cannot write answers', async () => {
    const bad = await writer.post(
      '/api/v1/knowledge/articles',
      answerBody({ validUntil: iso(new Date(START.getTime() - DAY)) }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      (await writer.post('/api/v1/knowledge/articles', answerBody({ sourceKind: 'rumour' }))).statusCode,
    ).toBe(400);
    expect((await agentA.post('/api/v1/knowledge/articles', answerBody())).statusCode).toBe(403);
  });
});

describe('suggestions while typing', () => {
  it('KB-3: resolved tickets like the draft come with how they were resolved, only from the agent’s units', async () => {
    kefu.clock.set(START);
    const e4 = await publish(
      answerBody({
        question: '热水器显示E4是什么故障？',
        answer: 'E4为点火失败，请检查燃气阀门是否打开、电池是否有电。',
      }),
    );
    const t = await agentA.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'consultation_direct',
      channel: 'phone',
      subject: '热水器显示E4故障代码',
      description: '客户家燃气热水器打不着火，屏幕显示E4',
      answerArticleId: e4.id,
    });
    expect(t.statusCode, t.body).toBe(201);
    await setClock(new Date(START.getTime() + DAY));
    const s = await suggest(agentA, org.storeA.id, '热水器E4', '打不着火');
    expect(s.tickets[0]).toMatchObject({ number: t.json().number });
    expect(s.tickets[0]!.resolution).toContain('点火失败');
    // Store B's agent reads neither store A's tickets nor answers kept at the east region.
    const other = await suggest(agentB, org.storeB.id, '热水器E4', '打不着火');
    expect(other.tickets).toEqual([]);
    expect((await suggest(agentB, org.storeB.id, '空调安装要钱吗')).answers).toEqual([]);
    // …and may not ask on store A's behalf.
    expect(
      (await agentB.post('/api/v1/knowledge/suggestions', { unitId: org.storeA.id, subject: '空调' }))
        .statusCode,
    ).toBe(403);
  });

  it('KB-3: the company’s words stay whole and its synonyms widen the query; answers are re-cut on save', async () => {
    await setClock(START);
    const a = await publish(
      answerBody({
        question: '金地格林小城小区的送货时间？',
        answer: '金地格林小城小区每周二、四统一送货上门。',
      }),
    );
    expect(
      (await suggest(agentA, org.storeA.id, '什么时候配送')).answers.map((x) => x.articleId),
    ).not.toContain(a.id);
    expect((await suggest(agentA, org.storeA.id, '金地格林小城')).words).not.toContain('金地格林小城');
    const saved = await writer.request('PUT', `/api/v1/knowledge/terms?unitId=${org.hq.id}`, {
      words: ['金地格林小城'],
      synonyms: [['送货', '配送', '发货']],
    });
    expect(saved.statusCode).toBe(403); // the writer manages knowledge in the east region, not the company
    const ok = await admin.request('PUT', `/api/v1/knowledge/terms?unitId=${org.hq.id}`, {
      words: ['金地格林小城'],
      synonyms: [['送货', '配送', '发货']],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = await suggest(agentA, org.storeA.id, '金地格林小城什么时候配送');
    expect(s.words).toContain('金地格林小城');
    expect(s.words).toContain('送货');
    expect(s.answers[0]!.articleId).toBe(a.id);
    expect((await suggest(agentA, org.storeA.id, '什么时候配送')).answers.map((x) => x.articleId)).toContain(
      a.id,
    );
  });
});

describe('case library (案例库)', () => {
  it('KB-2: a case is written from a ticket in one click (prefilled), filed in a library and category, and browsed by category', async () => {
    await setClock(START);
    const t = await agentA.post('/api/v1/tickets', {
      unitId: org.storeA.id,
      type: 'hard_complaint',
      channel: 'phone',
      subject: '外机支架倾斜有异响',
      description: '空调外机支架安装不水平，运行时有明显异响',
    });
    expect(t.statusCode, t.body).toBe(201);
    const replied = await agentA.post(`/api/v1/tickets/${t.json().id}/replies`, {
      body: '已安排师傅上门重新固定支架并致歉。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const draft = await writer.get(`/api/v1/knowledge/cases/draft?ticketId=${t.json().id}`);
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({
      unitId: org.storeA.id,
      title: '外机支架倾斜有异响',
      problem: '空调外机支架安装不水平，运行时有明显异响',
      sourceTicketId: t.json().id,
    });
    expect(draft.json().analysis).toContain('重新固定支架');
    const cats = (await writer.get(`/api/v1/knowledge/case-categories?unitId=${org.storeA.id}`)).json().items;
    expect(cats.map((c: { nameZh: string }) => c.nameZh)).toEqual([
      '规划及公共配套、景观',
      '建筑及室内',
      '居住性能及设备布置',
      '施工质量',
    ]);
    const quality = cats[3].id;
    const created = await writer.post('/api/v1/knowledge/cases', {
      ...(draft.json() as Record<string, unknown>),
      library: 'quality',
      categoryId: quality,
      lessons: '安装时必须用水平仪校准外机支架，完工拍照留存。',
      responsibleDepartmentId: org.storeAEngineering.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const byCategory = (await agentA.get(`/api/v1/knowledge/cases?categoryId=${quality}`)).json();
    expect(byCategory.items.map((c: { id: string }) => c.id)).toContain(created.json().id);
    expect((await agentA.get(`/api/v1/knowledge/cases?categoryId=${cats[0].id}`)).json().total).toBe(0);
    expect((await agentA.get(`/api/v1/knowledge/cases?library=design`)).json().total).toBe(0);
    // Store B reads neither the case nor its photos.
    expect((await agentB.get(`/api/v1/knowledge/cases/${created.json().id}`)).statusCode).toBe(404);
    // KB-3: the case is offered while an agent types a similar ticket.
    const s = await suggest(agentA, org.storeA.id, '空调外机异响', '支架不稳');
    expect((s as unknown as { cases: { id: string }[] }).cases.map((c) => c.id)).toContain(created.json().id);
    // An agent cannot write cases; an unknown category is refused.
    expect(
      (
        await agentA.post('/api/v1/knowledge/cases', {
          ...(draft.json() as Record<string, unknown>),
          library: 'quality',
          categoryId: quality,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await writer.post('/api/v1/knowledge/cases', {
      ...(draft.json() as Record<string, unknown>),
      library: 'quality',
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'knowledge.category_not_found']);
  });

  it('KB-2: a case keeps photos as evidence: uploaded by whoever writes cases there, read where the case is read', async () => {
    const cats = (await writer.get(`/api/v1/knowledge/case-categories?unitId=${org.storeA.id}`)).json().items;
    const created = await writer.post('/api/v1/knowledge/cases', {
      unitId: org.storeA.id,
      library: 'quality',
      categoryId: cats[0].id,
      title: '单元门禁损坏',
      problem: '单元门禁面板进水失灵',
    });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    const upload = (session: HttpSession, bytes: Buffer, name: string) => {
      const boundary = `----kb${Date.now()}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectType"\r\n\r\nkb_case\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="subjectId"\r\n\r\n${caseId}\r\n`),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return session.request('POST', '/api/v1/attachments', body, {
        'content-type': `multipart/form-data; boundary=${boundary}`,
      });
    };
    const photo = await upload(writer, tinyPng(4, 3), '门禁.png');
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ contentType: 'image/png', fileName: '门禁.png' });
    // The attachments module's checks hold: a program dressed as a photo is refused.
    const fake = await upload(writer, windowsProgram(), 'evil.png');
    expect(fake.statusCode).toBeGreaterThanOrEqual(400);
    expect(fake.statusCode).toBeLessThan(500);
    // An agent reads the photos of its store's case but cannot add any; another store sees nothing.
    const list = await agentA.get(`/api/v1/attachments?subjectType=kb_case&subjectId=${caseId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([photo.json().id]);
    expect((await upload(agentA, tinyPng(2, 2), 'x.png')).statusCode).toBe(403);
    expect((await agentB.get(`/api/v1/attachments?subjectType=kb_case&subjectId=${caseId}`)).statusCode).toBe(
      404,
    );
  });

  it('KB-2: the categories are editable: renamed, reordered and one added', async () => {
    const cats = (await admin.get(`/api/v1/knowledge/case-categories?unitId=${org.hq.id}`)).json().items;
    const res = await admin.request('PUT', '/api/v1/knowledge/case-categories', {
      unitId: org.hq.id,
      categories: [
        { id: cats[3].id, nameZh: '施工质量（含交付）', nameEn: 'Construction quality (incl. handover)' },
        ...cats.slice(0, 3).map((c: { id: string; nameZh: string; nameEn: string }) => ({
          id: c.id,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
        })),
        { nameZh: '行业案例', nameEn: 'Industry cases' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((c: { nameZh: string }) => c.nameZh)).toEqual([
      '施工质量（含交付）',
      '规划及公共配套、景观',
      '建筑及室内',
      '居住性能及设备布置',
      '行业案例',
    ]);
    const denied = await writer.request('PUT', '/api/v1/knowledge/case-categories', {
      unitId: org.hq.id,
      categories: [{ nameZh: '新分类', nameEn: 'New' }],
    });
    expect(denied.statusCode).toBe(403);
  });
});
