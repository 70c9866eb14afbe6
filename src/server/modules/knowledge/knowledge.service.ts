/** The knowledge module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { kbArticles, kbArticleVersions } from './knowledge.table';

/** The demo company writes its approved answers as a knowledge editor would (KB-1). */
export { createArticle, KB_VERSION_SUBJECT } from './knowledge.usecases';

/** A standard answer to a common objection as the care task page shows it beside the script (CARE-6). */
export interface ObjectionAnswer {
  id: string;
  unitId: string;
  ruleCode: string | null;
  objection: string;
  answer: string;
  sortOrder: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/**
 * CARE-6: the objection answers offered now along a unit's chain (its own and inherited), for one
 * care rule (general ones and the rule's own) or all: approved answers of kind 'objection' of the
 * knowledge base, inside their validity.
 */
export async function objectionAnswersFor(
  db: Db,
  unitPath: readonly string[],
  ruleCode: string | null,
  now: Date,
): Promise<ObjectionAnswer[]> {
  if (unitPath.length === 0) return [];
  const rows = await db
    .select({ article: kbArticles, version: kbArticleVersions })
    .from(kbArticles)
    .innerJoin(kbArticleVersions, eq(kbArticleVersions.id, kbArticles.publishedVersionId))
    .where(
      and(
        inArray(kbArticles.unitId, [...unitPath]),
        eq(kbArticleVersions.sourceKind, 'objection'),
        eq(kbArticleVersions.state, 'approved'),
        lte(kbArticleVersions.validFrom, now),
        or(isNull(kbArticleVersions.validUntil), gt(kbArticleVersions.validUntil, now)),
        ruleCode
          ? sql`(${kbArticleVersions.careRuleCode} is null or ${kbArticleVersions.careRuleCode} = ${ruleCode})`
          : undefined,
      ),
    )
    .orderBy(asc(kbArticleVersions.question));
  return rows.map(({ article, version }) => ({
    id: article.id,
    unitId: article.unitId,
    ruleCode: version.careRuleCode,
    objection: version.question,
    answer: version.answer,
    sortOrder: 0,
    updatedBy: version.approverId ?? version.authorId,
    updatedAt: version.approvedAt ?? version.createdAt,
  }));
}

/** An answer on the customer portal's 常见问题 board: the question and the approved text only. */
export interface PublicAnswer {
  id: string;
  question: string;
  answer: string;
}

/**
 * PORTAL-1 (optional board): the answers flagged public, approved and current, of the given units
 * and the units above them (a store's customer sees the store's and its company's answers). No
 * staff data leaves: neither author, approver nor use counts.
 */
export async function publicAnswersFor(
  db: Db,
  unitPaths: readonly (readonly string[])[],
  now: Date,
): Promise<PublicAnswer[]> {
  const units = [...new Set(unitPaths.flat())];
  if (units.length === 0) return [];
  const rows = await db
    .select({ id: kbArticles.id, question: kbArticleVersions.question, answer: kbArticleVersions.answer })
    .from(kbArticles)
    .innerJoin(kbArticleVersions, eq(kbArticleVersions.id, kbArticles.publishedVersionId))
    .where(
      and(
        inArray(kbArticles.unitId, units),
        eq(kbArticleVersions.isPublic, true),
        eq(kbArticleVersions.state, 'approved'),
        sql`${kbArticleVersions.sourceKind} <> 'objection'`,
        lte(kbArticleVersions.validFrom, now),
        or(isNull(kbArticleVersions.validUntil), gt(kbArticleVersions.validUntil, now)),
      ),
    )
    .orderBy(asc(kbArticleVersions.question))
    .limit(200);
  return rows;
}
