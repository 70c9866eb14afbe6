import { isOffered } from '../../../domain/knowledge';
import type { ArticleVersionView, ArticleView } from '../../../shared/knowledge';
import type { Deps } from '../../app/context';
import { displayNames, unitNames } from '../org/org.service';
import type { ArticleRow, VersionRow } from './knowledge.usecases';

type Loaded = { article: ArticleRow; versions: VersionRow[] };

/** Articles as the API sends them; names of people and units read once for the whole list. */
export async function presentArticles(deps: Deps, loaded: Loaded[]): Promise<ArticleView[]> {
  const people = await displayNames(
    deps.db,
    loaded.flatMap(({ article, versions }) => [
      article.ownerId,
      ...versions.flatMap((v) => [v.authorId, v.approverId]),
    ]),
  );
  const units = await unitNames(
    deps.db,
    loaded.map((l) => l.article.unitId),
  );
  const person = (id: string | null) => (id ? { id, displayName: people.get(id) ?? '' } : null);
  const now = deps.clock.now();
  const version = (v: VersionRow): ArticleVersionView => ({
    id: v.id,
    version: v.version,
    question: v.question,
    answer: v.answer,
    sourceKind: v.sourceKind,
    careRuleCode: v.careRuleCode,
    isPublic: v.isPublic,
    validFrom: v.validFrom.toISOString(),
    validUntil: v.validUntil?.toISOString() ?? null,
    state: v.state,
    author: person(v.authorId),
    approver: person(v.approverId),
    approvedAt: v.approvedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
  });
  return loaded.map(({ article, versions }) => {
    const published = versions.find((v) => v.id === article.publishedVersionId) ?? null;
    return {
      id: article.id,
      unitId: article.unitId,
      unitName: units.get(article.unitId) ?? '',
      owner: person(article.ownerId),
      usageCount: article.usageCount,
      offered: published !== null && isOffered(published, now),
      published: published && version(published),
      latest: version(versions[0]!),
      versions: versions.map(version),
      updatedAt: article.updatedAt.toISOString(),
    };
  });
}
