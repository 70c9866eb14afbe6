import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import type { CaseInput, CaseView } from '../../../shared/knowledge';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { recordAudit } from '../audit/audit.service';
import { findUnit } from '../org/org.service';
import { getTicket } from '../tickets/tickets.service';
import { knowledgeErrors } from './knowledge.errors';
import { kbCaseCategories, kbCases } from './knowledge.table';
import { companyTerms, kbTokens } from './knowledge.text';
import { readableUnitIds } from './knowledge.usecases';

export const KB_CASE_SUBJECT = 'kb_case';
export type CaseRow = typeof kbCases.$inferSelect;

/** KB-2: the manual's four categories, written for a company the first time its categories are read. */
const DEFAULT_CATEGORIES = [
  { nameZh: '规划及公共配套、景观', nameEn: 'Planning, public facilities and landscape' },
  { nameZh: '建筑及室内', nameEn: 'Building and interior' },
  { nameZh: '居住性能及设备布置', nameEn: 'Living performance and equipment layout' },
  { nameZh: '施工质量', nameEn: 'Construction quality' },
];

export async function ensureCategories(db: Db, rootUnitId: string, now: Date) {
  const existing = await db
    .select()
    .from(kbCaseCategories)
    .where(eq(kbCaseCategories.rootUnitId, rootUnitId))
    .orderBy(asc(kbCaseCategories.position));
  if (existing.length > 0) return existing;
  return db.transaction(async (tx) => {
    // Two first readers of a company seed once.
    await tx.execute(sql`select pg_advisory_xact_lock(727319)`);
    const again = await tx.select().from(kbCaseCategories).where(eq(kbCaseCategories.rootUnitId, rootUnitId));
    if (again.length > 0) return again.sort((a, b) => a.position - b.position);
    return tx
      .insert(kbCaseCategories)
      .values(DEFAULT_CATEGORIES.map((c, i) => ({ ...c, rootUnitId, position: i + 1, createdAt: now })))
      .returning();
  });
}

async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'knowledge.read' | 'knowledge.manage',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  if (!can(actor.grants, permission, unit.path)) throw authErrors.forbidden({ permission });
  return unit;
}

/** The company's case categories in order. */
export async function listCaseCategories(deps: Deps, actor: Actor, unitId: string) {
  const unit = await unitFor(deps, actor, unitId, 'knowledge.read');
  return ensureCategories(deps.db, unit.path[0]!, deps.clock.now());
}

/**
 * KB-2: the categories are editable — renamed, reordered, added (a category holding cases is never
 * removed, so no case loses its category; one left out of the list keeps its place at the end).
 */
export async function saveCaseCategories(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; categories: { id?: string | undefined; nameZh: string; nameEn: string }[] },
) {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  const rootId = unit.path[0]!;
  if (!can(actor.grants, 'knowledge.manage', [rootId]))
    throw authErrors.forbidden({ permission: 'knowledge.manage' });
  const now = deps.clock.now();
  const before = await ensureCategories(deps.db, rootId, now);
  const known = new Set(before.map((c) => c.id));
  if (input.categories.some((c) => c.id && !known.has(c.id))) throw knowledgeErrors.categoryNotFound();
  await deps.db.transaction(async (tx) => {
    let position = 0;
    for (const c of input.categories) {
      position += 1;
      if (c.id)
        await tx
          .update(kbCaseCategories)
          .set({ nameZh: c.nameZh, nameEn: c.nameEn, position })
          .where(eq(kbCaseCategories.id, c.id));
      else
        await tx
          .insert(kbCaseCategories)
          .values({ rootUnitId: rootId, nameZh: c.nameZh, nameEn: c.nameEn, position, createdAt: now });
    }
    const listed = new Set(input.categories.map((c) => c.id).filter(Boolean));
    for (const c of before.filter((b) => !listed.has(b.id))) {
      position += 1;
      await tx.update(kbCaseCategories).set({ position }).where(eq(kbCaseCategories.id, c.id));
    }
    await recordAudit(tx, now, actor, {
      action: 'knowledge.case_categories_saved',
      subjectType: KB_CASE_SUBJECT,
      subjectId: rootId,
      unitId: rootId,
      before,
      after: input.categories,
    });
  });
  return ensureCategories(deps.db, rootId, now);
}

/** KB-2, one click from a ticket: the case prefilled from it (subject, description, how it was answered). */
export async function caseDraftFromTicket(deps: Deps, actor: Actor, ticketId: string) {
  const { ticket, events } = await getTicket(deps, actor, ticketId);
  const replies = events.filter((e) => e.type === 'reply' && typeof e.body.text === 'string');
  const last = replies.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1)?.body.text as
    string | undefined;
  return {
    unitId: ticket.unitId,
    title: ticket.subject,
    problem: ticket.description || ticket.subject,
    analysis: last ? `处理结果：${last}` : '',
    responsibleDepartmentId: ticket.assigneeDepartmentId,
    sourceTicketId: ticket.id,
  };
}

const caseText = (
  c: { title: string; problem: string; analysis: string; lessons: string },
  words: readonly string[],
) => kbTokens(`${c.title}\n${c.title}\n${c.problem}\n${c.analysis}\n${c.lessons}`, words).join(' ');

/** KB-2: a case is written (by someone who manages knowledge at its unit). */
export async function createCase(deps: Deps, actor: Actor, input: CaseInput): Promise<CaseRow> {
  const unit = await unitFor(deps, actor, input.unitId, 'knowledge.manage');
  const now = deps.clock.now();
  const categories = await ensureCategories(deps.db, unit.path[0]!, now);
  if (!categories.some((c) => c.id === input.categoryId)) throw knowledgeErrors.categoryNotFound();
  if (input.sourceTicketId) await getTicket(deps, actor, input.sourceTicketId);
  const { words } = await companyTerms(deps.db, unit.path[0]!);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(kbCases)
      .values({
        ...input,
        searchText: caseText(input, words),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.case_created',
      subjectType: KB_CASE_SUBJECT,
      subjectId: row!.id,
      unitId: unit.id,
      after: { ...row, searchText: undefined },
    });
    return row!;
  });
}

/** One case the person may read (404 otherwise). */
export async function getCase(deps: Deps, actor: Actor, id: string): Promise<CaseRow> {
  const [row] = await deps.db.select().from(kbCases).where(eq(kbCases.id, id));
  if (!row || !(await readableUnitIds(deps, actor)).includes(row.unitId))
    throw knowledgeErrors.caseNotFound();
  return row;
}

/** Browse by library and category, newest first. */
export async function listCases(
  deps: Deps,
  actor: Actor,
  q: {
    library?: 'design' | 'quality' | undefined;
    categoryId?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const units = await readableUnitIds(deps, actor);
  const filters: (SQL | undefined)[] = [
    inArray(kbCases.unitId, units),
    q.library ? eq(kbCases.library, q.library) : undefined,
    q.categoryId ? eq(kbCases.categoryId, q.categoryId) : undefined,
  ];
  const where = and(...filters);
  const [{ total }] = (await deps.db.select({ total: count() }).from(kbCases).where(where)) as [
    { total: number },
  ];
  const items = await deps.db
    .select()
    .from(kbCases)
    .where(where)
    .orderBy(desc(kbCases.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, items: items.map(presentCase) };
}

export function presentCase(c: CaseRow): CaseView {
  return {
    id: c.id,
    unitId: c.unitId,
    library: c.library,
    categoryId: c.categoryId,
    title: c.title,
    problem: c.problem,
    analysis: c.analysis,
    lessons: c.lessons,
    responsibleDepartmentId: c.responsibleDepartmentId,
    sourceTicketId: c.sourceTicketId,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The cases of the units a person reads, for the suggestions (KB-3). */
export async function casesOfUnits(db: Db, unitIds: readonly string[]): Promise<CaseRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(kbCases)
    .where(inArray(kbCases.unitId, [...unitIds]));
}
