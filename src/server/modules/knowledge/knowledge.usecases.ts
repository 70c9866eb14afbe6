import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import { answersConsultations, isOffered } from '../../../domain/knowledge';
import type { ArticleVersionInput, CreateArticleInput } from '../../../shared/knowledge';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { authErrors } from '../auth/auth.errors';
import { recordAudit } from '../audit/audit.service';
import { mayViewApprovalOf, openApproval, type ApprovalRow } from '../approvals/approvals.service';
import { findUnit, unitIdsWithin } from '../org/org.service';
import { knowledgeErrors } from './knowledge.errors';
import { kbArticles, kbArticleUses, kbArticleVersions } from './knowledge.table';
import { companyTerms, versionSearchText } from './knowledge.text';

export const KB_VERSION_SUBJECT = 'kb_article_version';
export const KB_ARTICLE_SUBJECT = 'kb_article';
export type ArticleRow = typeof kbArticles.$inferSelect;
export type VersionRow = typeof kbArticleVersions.$inferSelect;

/** The stored search words of a version: question and answer cut with the company's dictionary. */
async function searchTextOf(db: Db, rootUnitId: string, v: { question: string; answer: string }) {
  const { words } = await companyTerms(db, rootUnitId);
  return versionSearchText(v, words);
}

function versionValues(input: ArticleVersionInput) {
  return {
    question: input.question,
    answer: input.answer,
    sourceKind: input.sourceKind,
    careRuleCode: input.sourceKind === 'objection' ? (input.careRuleCode ?? null) : null,
    isPublic: input.sourceKind !== 'objection' && input.isPublic,
    validFrom: new Date(input.validFrom),
    validUntil: input.validUntil === null ? null : new Date(input.validUntil),
  };
}

/** Sends one version to the approval engine (KB-1 chain 'kb_answer'), in the caller's transaction. */
async function submitVersion(deps: Deps, tx: Db, actor: Actor, article: ArticleRow, version: VersionRow) {
  return openApproval(deps, tx, actor, {
    subjectType: KB_VERSION_SUBJECT,
    subjectId: version.id,
    kind: 'kb_answer',
    unitId: article.unitId,
    title: `v${version.version} · ${version.question.slice(0, 60)}`,
    amountFen: null,
  });
}

/** KB-1: a new answer, submitted for approval at once; nobody is offered it until it is approved. */
export async function createArticle(deps: Deps, actor: Actor, input: CreateArticleInput) {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  if (!can(actor.grants, 'knowledge.manage', unit.path))
    throw authErrors.forbidden({ permission: 'knowledge.manage' });
  const now = deps.clock.now();
  const searchText = await searchTextOf(deps.db, unit.path[0]!, input);
  return deps.db.transaction(async (tx) => {
    const [article] = await tx
      .insert(kbArticles)
      .values({ unitId: unit.id, ownerId: actor.userId, latestVersion: 1, createdAt: now, updatedAt: now })
      .returning();
    const [version] = await tx
      .insert(kbArticleVersions)
      .values({
        articleId: article!.id,
        unitId: unit.id,
        version: 1,
        ...versionValues(input),
        state: 'pending',
        authorId: actor.userId,
        searchText,
        createdAt: now,
      })
      .returning();
    await submitVersion(deps, tx, actor, article!, version!);
    await recordAudit(tx, now, actor, {
      action: 'knowledge.article_created',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: article!.id,
      unitId: unit.id,
      after: { ...version, searchText: undefined },
    });
    return article!;
  });
}

/**
 * KB-1: an edit is a new version, submitted for approval; the published version stays offered
 * until the new one is approved. One version at a time waits for approval (409 otherwise).
 */
export async function reviseArticle(deps: Deps, actor: Actor, id: string, input: ArticleVersionInput) {
  const now = deps.clock.now();
  const current = await loadArticle(deps.db, id);
  const unit = await findUnit(deps.db, current.unitId);
  if (!unit || !can(actor.grants, 'knowledge.manage', unit.path)) throw knowledgeErrors.notFound();
  const searchText = await searchTextOf(deps.db, unit.path[0]!, input);
  return deps.db.transaction(async (tx) => {
    const [article] = await tx.select().from(kbArticles).where(eq(kbArticles.id, id)).for('update');
    const [pending] = await tx
      .select({ id: kbArticleVersions.id })
      .from(kbArticleVersions)
      .where(and(eq(kbArticleVersions.articleId, id), eq(kbArticleVersions.state, 'pending')));
    if (pending) throw knowledgeErrors.pendingVersion();
    const next = article!.latestVersion + 1;
    const [version] = await tx
      .insert(kbArticleVersions)
      .values({
        articleId: id,
        unitId: article!.unitId,
        version: next,
        ...versionValues(input),
        state: 'pending',
        authorId: actor.userId,
        searchText,
        createdAt: now,
      })
      .returning();
    const [updated] = await tx
      .update(kbArticles)
      .set({ latestVersion: next, updatedAt: now })
      .where(eq(kbArticles.id, id))
      .returning();
    await submitVersion(deps, tx, actor, updated!, version!);
    await recordAudit(tx, now, actor, {
      action: 'knowledge.version_submitted',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: id,
      unitId: article!.unitId,
      after: { ...version, searchText: undefined },
    });
    return updated!;
  });
}

/** The engine's callbacks: approval publishes the version (the previous one is superseded). */
export const kbApprovalHandler = {
  async onApproved(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor) {
    const now = deps.clock.now();
    const [version] = await tx
      .update(kbArticleVersions)
      .set({ state: 'approved', approverId: actor.userId, approvedAt: now })
      .where(eq(kbArticleVersions.id, request.subjectId))
      .returning();
    await tx
      .update(kbArticleVersions)
      .set({ state: 'superseded' })
      .where(
        and(
          eq(kbArticleVersions.articleId, version!.articleId),
          eq(kbArticleVersions.state, 'approved'),
          sql`${kbArticleVersions.id} <> ${version!.id}`,
        ),
      );
    await tx
      .update(kbArticles)
      .set({ publishedVersionId: version!.id, updatedAt: now })
      .where(eq(kbArticles.id, version!.articleId));
    await recordAudit(tx, now, actor, {
      action: 'knowledge.version_approved',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: version!.articleId,
      unitId: request.unitId,
      after: { version: version!.version, state: 'approved' },
    });
  },
  async onSentBack(deps: Deps, tx: Db, request: ApprovalRow, actor: Actor, reason: string) {
    const now = deps.clock.now();
    const [version] = await tx
      .update(kbArticleVersions)
      .set({ state: 'sent_back' })
      .where(eq(kbArticleVersions.id, request.subjectId))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'knowledge.version_sent_back',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: version!.articleId,
      unitId: request.unitId,
      after: { version: version!.version, state: 'sent_back', reason },
    });
  },
};

async function loadArticle(db: Db, id: string): Promise<ArticleRow> {
  const [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, id));
  if (!row) throw knowledgeErrors.notFound();
  return row;
}

/** The units whose answers a person reads: their scope and the units above it (an HQ answer applies below). */
export async function readableUnitIds(deps: Deps, actor: Actor): Promise<string[]> {
  const roots = scopeRoots(actor.grants, 'knowledge.read');
  if (roots.length === 0) throw authErrors.forbidden({ permission: 'knowledge.read' });
  const above = actor.grants.filter((g) => roots.includes(g.unitId)).flatMap((g) => g.unitPath);
  return [...new Set([...(await unitIdsWithin(deps.db, roots)), ...above])];
}

/** One article with its versions, by its id or the id of one of its versions (the approval inbox links so). */
export async function getArticle(deps: Deps, actor: Actor, id: string) {
  let [article] = await deps.db.select().from(kbArticles).where(eq(kbArticles.id, id));
  let viaVersion = false;
  if (!article) {
    const [v] = await deps.db.select().from(kbArticleVersions).where(eq(kbArticleVersions.id, id));
    if (!v) throw knowledgeErrors.notFound();
    article = await loadArticle(deps.db, v.articleId);
    viaVersion = true;
  }
  const unit = await findUnit(deps.db, article.unitId);
  const readable = (await readableUnitIds(deps, actor).catch(() => [] as string[])).includes(article.unitId);
  // An approver reviewing the version may lack knowledge.read where it lives.
  if (!readable && !(viaVersion && unit && (await mayViewApprovalOf(deps, actor, KB_VERSION_SUBJECT, id))))
    throw knowledgeErrors.notFound();
  const versions = await deps.db
    .select()
    .from(kbArticleVersions)
    .where(eq(kbArticleVersions.articleId, article.id))
    .orderBy(desc(kbArticleVersions.version));
  return { article, versions };
}

export interface ArticleListQuery {
  q?: string | undefined;
  state: 'offered' | 'pending' | 'expired' | 'all';
  page: number;
  pageSize: number;
}

/** Articles the person may read, newest change first, with their published and latest versions. */
export async function listArticles(deps: Deps, actor: Actor, query: ArticleListQuery) {
  const unitIds = await readableUnitIds(deps, actor);
  const now = deps.clock.now();
  const filters: (SQL | undefined)[] = [inArray(kbArticles.unitId, unitIds)];
  if (query.state === 'offered')
    filters.push(
      sql`exists (select 1 from ${kbArticleVersions} v where v.id = ${kbArticles.publishedVersionId}
        and v.valid_from <= ${now} and (v.valid_until is null or v.valid_until > ${now}))`,
    );
  if (query.state === 'expired')
    filters.push(
      sql`exists (select 1 from ${kbArticleVersions} v where v.id = ${kbArticles.publishedVersionId}
        and v.valid_until <= ${now})`,
    );
  if (query.state === 'pending')
    filters.push(
      sql`exists (select 1 from ${kbArticleVersions} v where v.article_id = ${kbArticles.id} and v.state = 'pending')`,
    );
  if (query.q)
    filters.push(
      sql`exists (select 1 from ${kbArticleVersions} v where v.article_id = ${kbArticles.id}
        and (v.question ilike ${`%${query.q}%`} or v.answer ilike ${`%${query.q}%`}))`,
    );
  const where = and(...filters);
  const [{ total }] = (await deps.db.select({ total: count() }).from(kbArticles).where(where)) as [
    { total: number },
  ];
  const articles = await deps.db
    .select()
    .from(kbArticles)
    .where(where)
    .orderBy(desc(kbArticles.updatedAt), asc(kbArticles.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const versions = articles.length
    ? await deps.db
        .select()
        .from(kbArticleVersions)
        .where(
          inArray(
            kbArticleVersions.articleId,
            articles.map((a) => a.id),
          ),
        )
        .orderBy(desc(kbArticleVersions.version))
    : [];
  return {
    total,
    items: articles.map((article) => ({
      article,
      versions: versions.filter((v) => v.articleId === article.id),
    })),
  };
}

/**
 * CL-2: an agent inserted an answer into a reply. Only an answer offered now may be used (409
 * otherwise); the use is counted on the article and kept with the version and the ticket.
 */
export async function useArticle(deps: Deps, actor: Actor, id: string, ticketId: string | null) {
  const { article, published } = await offeredNow(deps, actor, id);
  return recordUse(deps, actor, article, published, ticketId);
}

async function offeredNow(deps: Deps, actor: Actor, id: string) {
  const { article, versions } = await getArticle(deps, actor, id);
  const published = versions.find((v) => v.id === article.publishedVersionId);
  if (!published || !isOffered(published, deps.clock.now())) throw knowledgeErrors.notOffered();
  return { article, published };
}

const squeezed = (text: string) => text.replace(/\s+/g, '');

/**
 * CL-2 (lent to the tickets module, at intake and when a direct consultation is resolved later): it
 * is answered only with an answer offered now (409 otherwise) whose approved text the reply carries
 * whole — the agent may greet or add the customer's name around it, not change it (422). With no
 * article named, the answer last inserted into the ticket is the one (null when none was). The use is
 * recorded with the ticket once; the reply is the approved text when the agent typed none.
 */
export async function useForDirectAnswer(
  deps: Deps,
  actor: Actor,
  use: { articleId: string | null; ticketId: string; reply: string | null },
) {
  const articleId = use.articleId ?? (await lastUsedForTicket(deps.db, use.ticketId));
  if (!articleId) return null;
  const { article, published } = await offeredNow(deps, actor, articleId);
  if (!answersConsultations(published.sourceKind)) throw knowledgeErrors.notConsultationAnswer();
  const reply = use.reply?.trim() || published.answer;
  if (!squeezed(reply).includes(squeezed(published.answer))) throw knowledgeErrors.answerAltered();
  const [already] = await deps.db
    .select({ id: kbArticleUses.id })
    .from(kbArticleUses)
    .where(and(eq(kbArticleUses.articleId, article.id), eq(kbArticleUses.ticketId, use.ticketId)))
    .limit(1);
  if (!already) await recordUse(deps, actor, article, published, use.ticketId);
  return { reply, question: published.question, version: published.version };
}

/** The answer an agent last inserted into a ticket's reply (POST …/use with the ticket). */
async function lastUsedForTicket(db: Db, ticketId: string): Promise<string | null> {
  const [row] = await db
    .select({ articleId: kbArticleUses.articleId })
    .from(kbArticleUses)
    .where(eq(kbArticleUses.ticketId, ticketId))
    .orderBy(desc(kbArticleUses.at))
    .limit(1);
  return row?.articleId ?? null;
}

async function recordUse(
  deps: Deps,
  actor: Actor,
  article: ArticleRow,
  published: VersionRow,
  ticketId: string | null,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx
      .insert(kbArticleUses)
      .values({ articleId: article.id, versionId: published.id, userId: actor.userId, ticketId, at: now });
    const [row] = await tx
      .update(kbArticles)
      .set({ usageCount: sql`${kbArticles.usageCount} + 1` })
      .where(eq(kbArticles.id, article.id))
      .returning({ usageCount: kbArticles.usageCount });
    await recordAudit(tx, now, actor, {
      action: 'knowledge.article_used',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: article.id,
      unitId: article.unitId,
      after: { version: published.version, ticketId },
    });
    return { usageCount: row!.usageCount };
  });
}
