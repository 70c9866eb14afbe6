/** The knowledge module's public face: what other modules may call (docs/decisions/0012-module-boundaries.md). */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { kbArticles, kbArticleVersions } from './knowledge.table';

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
