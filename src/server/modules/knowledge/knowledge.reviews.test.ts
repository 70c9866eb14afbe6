import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUnit, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';

let kefu: TestKefu;
let admin: HttpSession;
let writer: HttpSession;
let agent: HttpSession;
let org: Awaited<ReturnType<typeof buildOrganisation>>;
let design: { id: string };

beforeAll(async () => {
  kefu = await createTestKefu();
  admin = await kefu.login('admin');
  org = await buildOrganisation(admin);
  design = await createUnit(admin, org.storeA.id, 'department', '设计部');
  await createUser(admin, 'kb3.writer', org.east.id, 'cs_supervisor');
  await createUser(admin, 'kb3.agent', org.storeA.id, 'agent');
  writer = await kefu.login('kb3.writer', TEST_PASSWORD);
  agent = await kefu.login('kb3.agent', TEST_PASSWORD);
});
afterAll(() => kefu.close());

type Checklist = {
  project: { id: string; signed: number; required: number; causes: unknown[]; departments: { id: string }[] };
  items: {
    case: { id: string; title: string };
    signoffs: { departmentId: string; note: string; signedBy: { displayName: string } }[];
  }[];
};

async function writeCase(categoryId: string, title: string, unitId = org.storeA.id, by = writer) {
  const res = await by.post('/api/v1/knowledge/cases', {
    unitId,
    library: 'design',
    categoryId,
    title,
    problem: `${title}，业主多次投诉`,
    lessons: '施工图阶段复核',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('design-review checklist (设计评审清单)', () => {
  it('KB-3: the cases of a project’s categories form the design input; each department signs off each case as avoided; progress, cause analysis and export follow', async () => {
    const cats = (await writer.get(`/api/v1/knowledge/case-categories?unitId=${org.storeA.id}`)).json()
      .items as { id: string; nameZh: string }[];
    const building = cats.find((c) => c.nameZh === '建筑及室内')!.id;
    const landscape = cats.find((c) => c.nameZh === '规划及公共配套、景观')!.id;
    const window = await writeCase(building, '卧室飘窗渗水');
    const kitchen = await writeCase(building, '厨房烟道位置与橱柜冲突', org.storeB.id, admin);
    const outside = await writeCase(landscape, '地库入口坡道过陡');

    const created = await writer.post('/api/v1/knowledge/reviews', {
      unitId: org.storeA.id,
      name: '金地格林小城二期',
      categoryIds: [building],
      departmentIds: [design.id, org.storeAEngineering.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = created.json() as Checklist;
    const listed = first.items.map((i) => i.case.id);
    // Cases of the company in the project's category (another store's too), none of other categories.
    expect(listed).toEqual(expect.arrayContaining([window, kitchen]));
    expect(listed).not.toContain(outside);
    expect([first.project.signed, first.project.required]).toEqual([0, listed.length * 2]);
    const id = first.project.id;

    // Customer service's classified cause analysis of drawing-caused complaints.
    const causes = await writer.request('PUT', `/api/v1/knowledge/reviews/${id}/causes`, {
      causes: [
        { categoryId: building, cause: '节点详图缺失', complaints: 12, analysis: '飘窗防水节点未出详图' },
      ],
    });
    expect(causes.statusCode, causes.body).toBe(200);
    expect(causes.json().project.causes).toHaveLength(1);
    const otherCategory = await writer.request('PUT', `/api/v1/knowledge/reviews/${id}/causes`, {
      causes: [{ categoryId: landscape, cause: '坡度', complaints: 1 }],
    });
    expect([otherCategory.statusCode, otherCategory.json().code]).toEqual([
      400,
      'knowledge.category_not_found',
    ]);

    // The design department's output: customer service confirms the problem has been avoided.
    const signed = await writer.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
      caseId: window,
      departmentId: design.id,
      note: '施工图已增加飘窗防水节点',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const after = signed.json() as Checklist;
    expect([after.project.signed, after.project.required]).toEqual([1, listed.length * 2]);
    const item = after.items.find((i) => i.case.id === window)!;
    expect(item.signoffs).toEqual([
      expect.objectContaining({
        departmentId: design.id,
        note: '施工图已增加飘窗防水节点',
        signedBy: expect.objectContaining({ displayName: expect.any(String) }),
      }),
    ]);
    const [audit] = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.review_signed_off'), eq(auditLog.subjectId, id)));
    expect(audit).toBeDefined();

    // Once per case and department; only the checklist's departments and cases; agents cannot sign.
    const again = await writer.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
      caseId: window,
      departmentId: design.id,
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'knowledge.review_already_signed']);
    const notListed = await writer.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
      caseId: outside,
      departmentId: design.id,
    });
    expect([notListed.statusCode, notListed.json().code]).toEqual([400, 'knowledge.review_case_not_listed']);
    const otherDept = await writer.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
      caseId: window,
      departmentId: org.storeB.id,
    });
    expect([otherDept.statusCode, otherDept.json().code]).toEqual([
      400,
      'knowledge.review_department_invalid',
    ]);
    expect(
      (
        await agent.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
          caseId: kitchen,
          departmentId: design.id,
        })
      ).statusCode,
    ).toBe(403);
    // The agent reads the checklist of its store's project.
    expect((await agent.get(`/api/v1/knowledge/reviews/${id}`)).json().project.signed).toBe(1);
    expect(
      (await agent.get('/api/v1/knowledge/reviews')).json().items.map((p: { id: string }) => p.id),
    ).toContain(id);

    // Excel: one row per case and department, the signed one with who and the note.
    const xlsx = await writer.get(`/api/v1/knowledge/reviews/export.xlsx?projectId=${id}`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['x-export-rows']).toBe(String(listed.length * 2));
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows[0]!.slice(1);
    expect(header).toContain('签认人');
    const signedRow = rows.find((r) => r.includes('卧室飘窗渗水') && r.includes('设计部'))!;
    expect(signedRow).toContain('是');
    expect(signedRow).toContain('施工图已增加飘窗防水节点');
  });

  it('KB-3: a checklist is made by knowledge managers only, with the company’s categories and departments', async () => {
    const cats = (await writer.get(`/api/v1/knowledge/case-categories?unitId=${org.storeA.id}`)).json().items;
    const body = {
      unitId: org.storeA.id,
      name: '新项目',
      categoryIds: [cats[0].id],
      departmentIds: [design.id],
    };
    expect((await agent.post('/api/v1/knowledge/reviews', body)).statusCode).toBe(403);
    const badCat = await writer.post('/api/v1/knowledge/reviews', {
      ...body,
      categoryIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect([badCat.statusCode, badCat.json().code]).toEqual([400, 'knowledge.category_not_found']);
    const badDept = await writer.post('/api/v1/knowledge/reviews', {
      ...body,
      departmentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect([badDept.statusCode, badDept.json().code]).toEqual([400, 'knowledge.review_department_invalid']);
  });

  it('KB-3: a checklist’s name, categories and departments are edited; a department that signed, or a category with sign-offs or causes, cannot be removed (409)', async () => {
    const cats = (await writer.get(`/api/v1/knowledge/case-categories?unitId=${org.storeA.id}`)).json()
      .items as { id: string; nameZh: string }[];
    const living = cats.find((c) => c.nameZh === '居住性能及设备布置')!.id;
    const quality = cats.find((c) => c.nameZh === '施工质量')!.id;
    const noise = await writeCase(living, '电梯井贴邻卧室噪声大');
    const crack = await writeCase(quality, '外墙涂料开裂');
    const sales = await createUnit(admin, org.storeA.id, 'department', '营销部');
    const created = await writer.post('/api/v1/knowledge/reviews', {
      unitId: org.storeA.id,
      name: '滨江花园一期',
      categoryIds: [living],
      departmentIds: [design.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Checklist).project.id;
    const edit = (body: { name: string; categoryIds: string[]; departmentIds: string[] }, by = writer) =>
      by.request('PUT', `/api/v1/knowledge/reviews/${id}`, body);

    // Renamed, a category and a department added: the new category's cases join, each needs both.
    const widened = await edit({
      name: '滨江花园一期（含商业）',
      categoryIds: [living, quality],
      departmentIds: [design.id, sales.id],
    });
    expect(widened.statusCode, widened.body).toBe(200);
    const w = widened.json() as Checklist;
    expect(w.project).toMatchObject({ name: '滨江花园一期（含商业）' });
    expect(w.items.map((i) => i.case.id)).toEqual(expect.arrayContaining([noise, crack]));
    expect(w.project.required).toBe(w.items.length * 2);
    const [audit] = await kefu.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'knowledge.review_updated'), eq(auditLog.subjectId, id)));
    expect(audit?.before).toMatchObject({ name: '滨江花园一期', departmentIds: [design.id] });

    // 营销部 signs the noise case: it can no longer leave, nor can the category; 设计部 (unsigned) can.
    const signed = await writer.post(`/api/v1/knowledge/reviews/${id}/signoffs`, {
      caseId: noise,
      departmentId: sales.id,
      note: '销售说明书已写明电梯井位置',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const dropSigned = await edit({
      name: '滨江花园一期',
      categoryIds: [living, quality],
      departmentIds: [design.id],
    });
    expect([dropSigned.statusCode, dropSigned.json().code]).toEqual([
      409,
      'knowledge.review_department_signed',
    ]);
    const dropCategory = await edit({
      name: '滨江花园一期',
      categoryIds: [quality],
      departmentIds: [design.id, sales.id],
    });
    expect([dropCategory.statusCode, dropCategory.json().code]).toEqual([
      409,
      'knowledge.review_category_in_use',
    ]);
    // Nothing of a refused edit was written.
    const unchanged = (await writer.get(`/api/v1/knowledge/reviews/${id}`)).json() as Checklist;
    expect(unchanged.project.departments.map((d) => d.id)).toEqual([design.id, sales.id]);
    expect(unchanged.project.signed).toBe(1);

    // A category with a cause analysis stays too; an unsigned category and department may go.
    await writer.request('PUT', `/api/v1/knowledge/reviews/${id}/causes`, {
      causes: [{ categoryId: quality, cause: '材料选型', complaints: 3 }],
    });
    const dropCaused = await edit({ name: '滨江花园一期', categoryIds: [living], departmentIds: [sales.id] });
    expect([dropCaused.statusCode, dropCaused.json().code]).toEqual([
      409,
      'knowledge.review_category_in_use',
    ]);
    const narrowed = await edit({
      name: '滨江花园一期',
      categoryIds: [living, quality],
      departmentIds: [sales.id],
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    const n = narrowed.json() as Checklist;
    expect(n.project.departments.map((d) => d.id)).toEqual([sales.id]);
    expect(n.project.signed).toBe(1);
    expect(n.items.find((i) => i.case.id === noise)!.signoffs).toHaveLength(1);

    // Only knowledge managers; the company's categories and departments only.
    const body = { name: 'x', categoryIds: [living, quality], departmentIds: [sales.id] };
    expect((await edit(body, agent)).statusCode).toBe(403);
    const foreign = await edit({
      ...body,
      departmentIds: [sales.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'knowledge.review_department_invalid']);
    const noCategory = await edit({ ...body, categoryIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([noCategory.statusCode, noCategory.json().code]).toEqual([400, 'knowledge.category_not_found']);
  });
});
