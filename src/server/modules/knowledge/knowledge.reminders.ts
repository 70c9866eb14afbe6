import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { KB_EXPIRY_REMINDER_DAYS } from '../../../domain/knowledge';
import type { Deps } from '../../app/context';
import { createNotifications } from '../notifications/notifications.service';
import { kbArticles, kbArticleVersions } from './knowledge.table';
import { KB_ARTICLE_SUBJECT } from './knowledge.usecases';

const DAY_MS = 86_400_000;

/**
 * KB-1: tells each owner, once per published version, that the answer lapses within
 * KB_EXPIRY_REMINDER_DAYS days, so it is renewed (a new version) before agents lose it. Run on
 * every scheduler pass; the conditional update claims the reminder, so two instances racing on
 * the same article notify once.
 */
export async function remindExpiringAnswers(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + KB_EXPIRY_REMINDER_DAYS * DAY_MS);
  const due = await deps.db
    .select({ id: kbArticles.id, versionId: kbArticleVersions.id })
    .from(kbArticles)
    .innerJoin(kbArticleVersions, eq(kbArticleVersions.id, kbArticles.publishedVersionId))
    .where(
      and(
        eq(kbArticleVersions.state, 'approved'),
        gt(kbArticleVersions.validUntil, now),
        lte(kbArticleVersions.validUntil, horizon),
        sql`${kbArticles.expiryRemindedVersionId} is distinct from ${kbArticles.publishedVersionId}`,
      ),
    );
  let sent = 0;
  for (const d of due) {
    await deps.db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(kbArticles)
        .set({ expiryRemindedVersionId: d.versionId })
        .where(
          and(
            eq(kbArticles.id, d.id),
            eq(kbArticles.publishedVersionId, d.versionId),
            sql`${kbArticles.expiryRemindedVersionId} is distinct from ${d.versionId}`,
          ),
        )
        .returning({ ownerId: kbArticles.ownerId });
      if (!claimed) return;
      const [v] = await tx
        .select({ question: kbArticleVersions.question, validUntil: kbArticleVersions.validUntil })
        .from(kbArticleVersions)
        .where(eq(kbArticleVersions.id, d.versionId));
      await createNotifications(tx, [
        {
          recipientId: claimed.ownerId,
          kind: 'kb_answer_expiring',
          subjectType: KB_ARTICLE_SUBJECT,
          subjectId: d.id,
          stepId: `kb:${d.versionId}:expiring`,
          payload: { question: v!.question, validUntil: v!.validUntil!.toISOString() },
          createdAt: now,
        },
      ]);
      sent += 1;
    });
  }
  return sent;
}
