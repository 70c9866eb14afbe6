/**
 * The design-review checklist (设计评审清单, KB-3): for a new project or product, the cases of its
 * categories are the design department's input; customer service supplies a classified cause
 * analysis of drawing-caused complaints, and at each department's output records, per case, that
 * the problem has been avoided (确定相关问题已经规避) — who, when, which department, a note.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type {
  ReviewCause,
  ReviewChecklistView,
  ReviewProjectInput,
  ReviewProjectUpdate,
  ReviewProjectView,
} from '../../../shared/knowledge';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { arraySource, type ListExport } from '../../app/list-export';
import { authErrors } from '../auth/auth.errors';
import { recordAudit } from '../audit/audit.service';
import { displayNames, findUnit, unitIdsWithin, unitNames } from '../org/org.service';
import { ensureCategories } from './knowledge.cases';
import { knowledgeErrors } from './knowledge.errors';
import { kbCaseCategories, kbCases, kbReviewProjects, kbReviewSignoffs } from './knowledge.table';
import { readableUnitIds } from './knowledge.usecases';

export const KB_REVIEW_SUBJECT = 'kb_review_project';
type ProjectRow = typeof kbReviewProjects.$inferSelect;
type SignoffRow = typeof kbReviewSignoffs.$inferSelect;

async function requireAt(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'knowledge.manage' | 'knowledge.review',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  return unit;
}

/** Departments of the same company (root unit), in the order given, without repeats. */
async function checkDepartments(db: Db, rootId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const unit = await findUnit(db, id);
    if (!unit || unit.path[0] !== rootId) throw knowledgeErrors.reviewDepartmentInvalid();
  }
  return unique;
}

/** KB-3: a project or product is put under design review (knowledge.manage at its unit). */
export async function createReviewProject(deps: Deps, actor: Actor, input: ReviewProjectInput) {
  const unit = await requireAt(deps, actor, input.unitId, 'knowledge.manage');
  const rootId = unit.path[0]!;
  const now = deps.clock.now();
  const categories = await ensureCategories(deps.db, rootId, now);
  const known = new Set(categories.map((c) => c.id));
  if (input.categoryIds.some((id) => !known.has(id))) throw knowledgeErrors.categoryNotFound();
  const departmentIds = await checkDepartments(deps.db, rootId, input.departmentIds);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(kbReviewProjects)
      .values({
        unitId: unit.id,
        name: input.name,
        categoryIds: [...new Set(input.categoryIds)],
        departmentIds,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.review_created',
      subjectType: KB_REVIEW_SUBJECT,
      subjectId: row!.id,
      unitId: unit.id,
      after: row,
    });
    return row!;
  });
}

/**
 * KB-3: a checklist's name, categories and departments are changed (knowledge.manage at its unit).
 * A sign-off is the record that a problem was avoided, so it is never hidden by an edit: a
 * department that has signed a case stays (409 knowledge.review_department_signed), and so does a
 * category with signed cases or a cause analysis (409 knowledge.review_category_in_use). Adding
 * either widens the checklist: new cases, or one more sign-off per case.
 */
export async function updateReviewProject(deps: Deps, actor: Actor, id: string, input: ReviewProjectUpdate) {
  const before = await loadProject(deps, actor, id);
  const unit = await requireAt(deps, actor, before.unitId, 'knowledge.manage');
  const rootId = unit.path[0]!;
  const now = deps.clock.now();
  const categories = await ensureCategories(deps.db, rootId, now);
  const known = new Set(categories.map((c) => c.id));
  if (input.categoryIds.some((c) => !known.has(c))) throw knowledgeErrors.categoryNotFound();
  const categoryIds = [...new Set(input.categoryIds)];
  const departmentIds = await checkDepartments(deps.db, rootId, input.departmentIds);
  return deps.db.transaction(async (tx) => {
    // Locked: a sign-off written meanwhile waits for this edit (and sees its departments).
    const [current] = await tx
      .select()
      .from(kbReviewProjects)
      .where(eq(kbReviewProjects.id, id))
      .for('update');
    const signed = await tx
      .select({ departmentId: kbReviewSignoffs.departmentId, categoryId: kbCases.categoryId })
      .from(kbReviewSignoffs)
      .innerJoin(kbCases, eq(kbCases.id, kbReviewSignoffs.caseId))
      .where(eq(kbReviewSignoffs.projectId, id));
    if (signed.some((x) => !departmentIds.includes(x.departmentId)))
      throw knowledgeErrors.reviewDepartmentSigned();
    if (
      signed.some((x) => !categoryIds.includes(x.categoryId)) ||
      current!.causes.some((c) => !categoryIds.includes(c.categoryId))
    )
      throw knowledgeErrors.reviewCategoryInUse();
    const [row] = await tx
      .update(kbReviewProjects)
      .set({ name: input.name, categoryIds, departmentIds, updatedAt: now })
      .where(eq(kbReviewProjects.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.review_updated',
      subjectType: KB_REVIEW_SUBJECT,
      subjectId: id,
      unitId: current!.unitId,
      before: {
        name: current!.name,
        categoryIds: current!.categoryIds,
        departmentIds: current!.departmentIds,
      },
      after: { name: row!.name, categoryIds, departmentIds },
    });
    return row!;
  });
}

async function loadProject(deps: Deps, actor: Actor, id: string): Promise<ProjectRow> {
  const [row] = await deps.db.select().from(kbReviewProjects).where(eq(kbReviewProjects.id, id));
  if (!row || !(await readableUnitIds(deps, actor)).includes(row.unitId))
    throw knowledgeErrors.reviewNotFound();
  return row;
}

/** KB-3: customer service's classified cause analysis of drawing-caused complaints, replaced whole. */
export async function saveReviewCauses(deps: Deps, actor: Actor, id: string, causes: ReviewCause[]) {
  const before = await loadProject(deps, actor, id);
  await requireAt(deps, actor, before.unitId, 'knowledge.manage');
  const listed = new Set(before.categoryIds);
  if (causes.some((c) => !listed.has(c.categoryId))) throw knowledgeErrors.categoryNotFound();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(kbReviewProjects)
      .set({ causes, updatedAt: now })
      .where(eq(kbReviewProjects.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.review_causes_saved',
      subjectType: KB_REVIEW_SUBJECT,
      subjectId: id,
      unitId: before.unitId,
      before: before.causes,
      after: causes,
    });
    return row!;
  });
}

/** The cases on a project's checklist: the company's cases of its categories, by category then age. */
async function checklistCases(db: Db, project: ProjectRow) {
  const unit = await findUnit(db, project.unitId);
  const companyUnits = await unitIdsWithin(db, [unit!.path[0]!]);
  if (project.categoryIds.length === 0) return [];
  return db
    .select({ c: kbCases })
    .from(kbCases)
    .innerJoin(kbCaseCategories, eq(kbCaseCategories.id, kbCases.categoryId))
    .where(and(inArray(kbCases.categoryId, project.categoryIds), inArray(kbCases.unitId, companyUnits)))
    .orderBy(asc(kbCaseCategories.position), asc(kbCases.createdAt), asc(kbCases.id))
    .then((rows) => rows.map((r) => r.c));
}

async function presentProjects(deps: Deps, rows: ProjectRow[]): Promise<ReviewProjectView[]> {
  if (rows.length === 0) return [];
  const categoryRows = await deps.db
    .select()
    .from(kbCaseCategories)
    .where(
      inArray(
        kbCaseCategories.id,
        rows.flatMap((r) => r.categoryIds),
      ),
    );
  const names = await unitNames(deps.db, [
    ...rows.map((r) => r.unitId),
    ...rows.flatMap((r) => r.departmentIds),
  ]);
  const people = await displayNames(
    deps.db,
    rows.map((r) => r.createdBy),
  );
  const out: ReviewProjectView[] = [];
  for (const r of rows) {
    const cases = await checklistCases(deps.db, r);
    const caseIds = new Set(cases.map((c) => c.id));
    // Only sign-offs of cases still on the list and departments still asked for count.
    const signed = (
      await deps.db
        .select({ caseId: kbReviewSignoffs.caseId, departmentId: kbReviewSignoffs.departmentId })
        .from(kbReviewSignoffs)
        .where(eq(kbReviewSignoffs.projectId, r.id))
    ).filter((x) => caseIds.has(x.caseId) && r.departmentIds.includes(x.departmentId)).length;
    out.push({
      id: r.id,
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? '',
      name: r.name,
      categories: r.categoryIds
        .map((id) => categoryRows.find((c) => c.id === id))
        .filter((c) => c !== undefined)
        .map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
      departments: r.departmentIds.map((id) => ({ id, name: names.get(id) ?? '' })),
      causes: r.causes,
      signed,
      required: cases.length * r.departmentIds.length,
      createdBy: { id: r.createdBy, displayName: people.get(r.createdBy) ?? '' },
      createdAt: r.createdAt.toISOString(),
    });
  }
  return out;
}

/** The projects under review the person may read, newest first. */
export async function listReviewProjects(deps: Deps, actor: Actor) {
  const units = await readableUnitIds(deps, actor);
  const rows = await deps.db
    .select()
    .from(kbReviewProjects)
    .where(inArray(kbReviewProjects.unitId, units))
    .orderBy(desc(kbReviewProjects.createdAt))
    .limit(200);
  return presentProjects(deps, rows);
}

/** KB-3: the checklist: each case with its departments' sign-offs, and the progress (x of y signed). */
export async function getReviewChecklist(deps: Deps, actor: Actor, id: string): Promise<ReviewChecklistView> {
  const project = await loadProject(deps, actor, id);
  const [view] = await presentProjects(deps, [project]);
  const cases = await checklistCases(deps.db, project);
  const signoffs: SignoffRow[] = await deps.db
    .select()
    .from(kbReviewSignoffs)
    .where(eq(kbReviewSignoffs.projectId, id))
    .orderBy(asc(kbReviewSignoffs.signedAt));
  const people = await displayNames(
    deps.db,
    signoffs.map((s) => s.signedBy),
  );
  const departments = new Map(view!.departments.map((d) => [d.id, d.name]));
  return {
    project: view!,
    items: cases.map((c) => ({
      case: {
        id: c.id,
        library: c.library,
        categoryId: c.categoryId,
        title: c.title,
        problem: c.problem,
        lessons: c.lessons,
      },
      signoffs: signoffs
        .filter((s) => s.caseId === c.id && departments.has(s.departmentId))
        .map((s) => ({
          id: s.id,
          caseId: s.caseId,
          departmentId: s.departmentId,
          departmentName: departments.get(s.departmentId) ?? '',
          signedBy: { id: s.signedBy, displayName: people.get(s.signedBy) ?? '' },
          signedAt: s.signedAt.toISOString(),
          note: s.note,
        })),
    })),
  };
}

/**
 * KB-3: at a department's output, customer service confirms that a case's problem has been avoided
 * (knowledge.review at the project's unit). Once per case and department (409 on a second).
 */
export async function signOffReviewCase(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { caseId: string; departmentId: string; note: string },
) {
  const project = await loadProject(deps, actor, id);
  await requireAt(deps, actor, project.unitId, 'knowledge.review');
  if (!project.departmentIds.includes(input.departmentId)) throw knowledgeErrors.reviewDepartmentInvalid();
  if (!(await checklistCases(deps.db, project)).some((c) => c.id === input.caseId))
    throw knowledgeErrors.reviewCaseNotListed();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    // The project's departments as of now (an edit of the checklist may have run meanwhile).
    const [locked] = await tx
      .select()
      .from(kbReviewProjects)
      .where(eq(kbReviewProjects.id, id))
      .for('update');
    if (!locked!.departmentIds.includes(input.departmentId)) throw knowledgeErrors.reviewDepartmentInvalid();
    const [row] = await tx
      .insert(kbReviewSignoffs)
      .values({ projectId: id, ...input, signedBy: actor.userId, signedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw knowledgeErrors.reviewAlreadySigned();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.review_signed_off',
      subjectType: KB_REVIEW_SUBJECT,
      subjectId: id,
      unitId: project.unitId,
      after: row,
    });
    return row;
  });
}

interface ChecklistRow {
  category: string;
  library: string;
  title: string;
  lessons: string;
  department: string;
  signedBy: string | null;
  signedAt: string | null;
  note: string;
}

const LIBRARY_ZH: Record<string, string> = { design: '客服-设计', quality: '客服-质量' };

/** The checklist as Excel: one row per case and department, signed or still open. */
export const reviewChecklistExport: ListExport<{ projectId: string }, ChecklistRow> = {
  name: 'design_review',
  title: '设计评审清单',
  permission: 'knowledge.read',
  columns: [
    { header: '案例分类', width: 20, value: (r) => r.category },
    { header: '案例库', width: 12, value: (r) => r.library },
    { header: '案例', width: 36, value: (r) => r.title },
    { header: '经验教训', width: 40, value: (r) => r.lessons },
    { header: '部门', width: 14, value: (r) => r.department },
    { header: '已规避', width: 8, value: (r) => (r.signedAt ? '是' : '否') },
    { header: '签认人', width: 12, value: (r) => r.signedBy },
    { header: '签认时间', width: 18, kind: 'datetime', value: (r) => r.signedAt },
    { header: '备注', width: 36, value: (r) => r.note },
  ],
  async open(deps, actor, query) {
    const { project, items } = await getReviewChecklist(deps, actor, query.projectId);
    const categories = new Map(project.categories.map((c) => [c.id, c.nameZh]));
    return arraySource(
      items.flatMap(({ case: c, signoffs }) =>
        project.departments.map((d) => {
          const s = signoffs.find((x) => x.departmentId === d.id);
          return {
            category: categories.get(c.categoryId) ?? '',
            library: LIBRARY_ZH[c.library] ?? c.library,
            title: c.title,
            lessons: c.lessons,
            department: d.name,
            signedBy: s?.signedBy.displayName ?? null,
            signedAt: s?.signedAt ?? null,
            note: s?.note ?? '',
          };
        }),
      ),
    );
  },
};
