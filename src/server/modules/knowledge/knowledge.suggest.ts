import { and, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { expandSynonyms, rankBm25 } from '../../../domain/knowledge';
import { can, scopeRoots } from '../../../domain/permissions';
import type { SuggestionsView } from '../../../shared/knowledge';
import type { Actor, Deps } from '../../app/context';
import { wordsQuery } from '../../app/chinese-text';
import type { Db } from '../../app/db';
import { wordStats, type WordStats } from '../../app/word-stats';
import { authErrors } from '../auth/auth.errors';
import { recordAudit } from '../audit/audit.service';
import { findUnit, unitIdsWithin } from '../org/org.service';
import { similarTicketCandidates, ticketResolutions } from '../tickets/tickets.service';
import { knowledgeErrors } from './knowledge.errors';
import { kbArticles, kbArticleVersions, kbTerms } from './knowledge.table';
import { companyTerms, kbTokens, versionSearchText } from './knowledge.text';
import { KB_ARTICLE_SUBJECT } from './knowledge.usecases';
import { casesOfUnits } from './knowledge.cases';

const ANSWERS = 5;
const TICKETS = 5;
const CASES = 3;
// Offered answers read per suggestion: those sharing the most typed words (PostgreSQL's ts_rank),
// ranked here by BM25 with recency.
const ANSWER_CANDIDATES = 100;
// Resolved tickets read per suggestion: the newest that share a word, ranked here.
const TICKET_CANDIDATES = 200;
const MAX_QUERY_WORDS = 40;

/**
 * KB-3 / CL-2: what the agent's draft (subject + description) resembles — the answers offered now
 * at the unit (its own and those of the units above it), and resolved tickets the agent may read,
 * each ranked by BM25 with a recency factor. Words are cut with the company's dictionary and
 * widened by its synonyms.
 */
export async function suggest(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; subject: string; description: string },
): Promise<SuggestionsView> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  if (!can(actor.grants, 'knowledge.read', unit.path))
    throw authErrors.forbidden({ permission: 'knowledge.read' });
  const now = deps.clock.now();
  const terms = await companyTerms(deps.db, unit.path[0]!);
  const typed = kbTokens(`${input.subject}\n${input.subject}\n${input.description}`, terms.words);
  const words = expandSynonyms(typed, terms.synonyms);
  if (words.length === 0) return { words: [], answers: [], tickets: [], cases: [] };
  const query = [...typed, ...words.filter((w) => !typed.includes(w))].slice(0, MAX_QUERY_WORDS * 2);

  const lookup = [...new Set(words)].slice(0, MAX_QUERY_WORDS);
  // The three reads are independent: on PostgreSQL they run side by side on the pool.
  const [offered, candidates, caseRows] = await Promise.all([
    rankedAnswers(deps.db, { unitIds: unit.path, query, now }),
    unitIdsWithin(deps.db, scopeRoots(actor.grants, 'tickets.read')).then((unitIds) =>
      similarTicketCandidates(deps.db, { unitIds, words: lookup, limit: TICKET_CANDIDATES }),
    ),
    // KB-3: the cases kept at the unit, above it and below it (a region's lessons help its stores).
    unitIdsWithin(deps.db, [unit.id]).then((below) =>
      casesOfUnits(deps.db, [...new Set([...unit.path, ...below])]),
    ),
  ]);
  const answers = offered.map(({ item: { article, version }, score }) => ({
    articleId: article.id,
    versionId: version.id,
    question: version.question,
    answer: version.answer,
    sourceKind: version.sourceKind,
    validUntil: version.validUntil?.toISOString() ?? null,
    usageCount: article.usageCount,
    score: round(score),
  }));

  const similar = rankBm25(
    query,
    candidates.map((c) => ({ item: c, tokens: c.searchText.split(' ').filter(Boolean), at: c.receivedAt })),
    now,
    { halfLifeDays: 180 },
  ).slice(0, TICKETS);
  // How each was answered, read for the few shown only.
  const resolutions = await ticketResolutions(
    deps.db,
    similar.map(({ item }) => item.id),
  );
  const tickets = similar.map(({ item, score }) => ({
    id: item.id,
    number: item.number,
    type: item.type,
    subject: item.subject,
    state: item.state,
    receivedAt: item.receivedAt.toISOString(),
    resolution: resolutions.get(item.id) ?? null,
    score: round(score),
  }));
  const cases = rankBm25(
    query,
    caseRows.map((c) => ({ item: c, tokens: c.searchText.split(' ').filter(Boolean), at: c.createdAt })),
    now,
  )
    .slice(0, CASES)
    .map(({ item, score }) => ({
      id: item.id,
      library: item.library,
      title: item.title,
      lessons: item.lessons,
      score: round(score),
    }));
  return { words: [...new Set(words)], answers, tickets, cases };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * KB-3: the answers offered now at the units that best match the query's words — candidates chosen
 * in SQL, then ranked by BM25 with recency — at most five, best first. When every matching answer
 * is a candidate, BM25 counts over all the answers offered there, so the order is the one ranking
 * every offered answer gives (the labelled set's test checks it); when more match than are read, the
 * candidates' own counts stand in.
 */
export async function rankedAnswers(
  db: Db,
  input: { unitIds: readonly string[]; query: readonly string[]; now: Date },
) {
  const { candidates, all } = await offeredAnswerCandidates(db, {
    unitIds: input.unitIds,
    words: [...new Set(input.query)].slice(0, MAX_QUERY_WORDS),
    now: input.now,
    limit: ANSWER_CANDIDATES,
  });
  const corpus = all && candidates.length > 0 ? await offeredCorpus(db, input) : undefined;
  return rankBm25(
    input.query,
    candidates.map((c) => ({ item: c, tokens: c.version.searchText.split(' ').filter(Boolean), at: c.at })),
    input.now,
    { corpus },
  ).slice(0, ANSWERS);
}

/**
 * The conditions of an answer offered now at the units (KB-1, CL-2), all on the version: approval
 * publishes a version and supersedes the one before in one transaction, so the approved version is
 * the article's published one, and the version keeps its article's unit.
 */
const offeredAt = (unitIds: readonly string[], now: Date) =>
  and(
    inArray(kbArticleVersions.unitId, [...unitIds]),
    eq(kbArticleVersions.state, 'approved'),
    // CL-2: objection answers (CARE-6) serve care calls, not consultations.
    ne(kbArticleVersions.sourceKind, 'objection'),
    lte(kbArticleVersions.validFrom, now),
    or(isNull(kbArticleVersions.validUntil), gt(kbArticleVersions.validUntil, now)),
  );

/** How many answers are offered at the units and their average length in words, for BM25. */
async function offeredCorpus(db: Db, input: { unitIds: readonly string[]; now: Date }) {
  const [row] = await db
    .select({
      size: sql<number>`count(*)::int`,
      avgLength: sql<number>`coalesce(avg(length(${kbArticleVersions.searchText}) - length(replace(${kbArticleVersions.searchText}, ' ', '')) + 1), 0)::float8`,
    })
    .from(kbArticleVersions)
    .where(offeredAt(input.unitIds, input.now));
  return { size: Number(row!.size), avgLength: Number(row!.avgLength) };
}

/**
 * KB-1 / CL-2: the answers offered now at the units (approved, in their validity, not objection
 * answers) whose search words hold the typed words, at most `limit`, those sharing the most words
 * first, then the newest. The unit and the words are looked up
 * together in the GIN index of approved versions (migration 0080), so only matching answers of the
 * units are read — not every answer of the company (issue 19: 10,000).
 *
 * Which answers are candidates: those holding any of the choosing words (see `choosingWords`) when
 * PostgreSQL's statistics expect at most `limit` of them — then `all` tells they were all read. When
 * more are expected, the answers holding a rare word or several of the commoner words together
 * (the fewest together that the statistics expect to fit in `limit`; fewer when that finds fewer
 * than the five shown), so a draft like 沙发扶手开裂 reads the few answers about cracked sofas, not
 * every answer about a sofa or about cracks.
 */
export async function offeredAnswerCandidates(
  db: Db,
  input: { unitIds: readonly string[]; words: readonly string[]; now: Date; limit: number },
) {
  if (input.unitIds.length === 0 || input.words.length === 0) return { candidates: [], all: true } as const;
  const stats = await wordStats(db, 'kb_article_versions');
  const choosing = choosingWords(input.words, stats.shares);
  const anyWord = wordsQuery(choosing, '|');
  const read = (query: string) =>
    db
      .select({
        version: {
          id: kbArticleVersions.id,
          question: kbArticleVersions.question,
          answer: kbArticleVersions.answer,
          sourceKind: kbArticleVersions.sourceKind,
          validUntil: kbArticleVersions.validUntil,
          searchText: kbArticleVersions.searchText,
          approvedAt: kbArticleVersions.approvedAt,
          createdAt: kbArticleVersions.createdAt,
        },
        articleId: kbArticleVersions.articleId,
        // Read for the rows returned only (PostgreSQL runs it after the sort and limit).
        usageCount: sql<number | null>`(select a.usage_count from ${kbArticles} a
          where a.id = ${kbArticleVersions}.article_id and a.published_version_id = ${kbArticleVersions}.id)`,
      })
      .from(kbArticleVersions)
      .where(
        and(
          sql`${kbArticleVersions}.search_vector @@ to_tsquery('simple', ${query})`,
          offeredAt(input.unitIds, input.now),
        ),
      )
      .orderBy(
        sql`ts_rank(${kbArticleVersions}.search_vector, to_tsquery('simple', ${anyWord})) desc`,
        desc(sql`coalesce(${kbArticleVersions.approvedAt}, ${kbArticleVersions.createdAt})`),
      )
      .limit(input.limit + 1);
  const narrower = narrowerQueries(choosing, stats, input.limit);
  let rows: Awaited<ReturnType<typeof read>> | undefined;
  for (const query of narrower) {
    rows = await read(query);
    if (rows.length >= ANSWERS) break;
  }
  let all = false;
  if (!rows || rows.length < ANSWERS) {
    rows = await read(anyWord);
    all = rows.length <= input.limit;
  }
  return {
    candidates: rows.slice(0, input.limit).flatMap((r) =>
      // The published version of its article (always, for an approved one: see offeredAt).
      r.usageCount === null
        ? []
        : [
            {
              article: { id: r.articleId, usageCount: Number(r.usageCount) },
              version: r.version,
              at: r.version.approvedAt ?? r.version.createdAt,
            },
          ],
    ),
    all,
  };
}

// A word in more than this share of answers does not choose candidates; it still ranks them.
const COMMON_WORD_SHARE = 0.1;
// The commoner words combined "several together" (the rarest of them): at most C(6, 3) = 20 groups.
const COMBINED_WORDS = 6;

/**
 * The words that choose the candidate answers: those in at most a tenth of the answers by
 * PostgreSQL's own statistics of the search vector (most common elements, refreshed by ANALYZE), so
 * a word like 维修 found in most answers does not make every answer a candidate to be ranked. With
 * no statistics (a new or small table) every word chooses; when every word is common, the rarest.
 * Rarest first.
 */
function choosingWords(words: readonly string[], share: ReadonlyMap<string, number>): string[] {
  const byShare = [...words].sort((a, b) => (share.get(a) ?? 0) - (share.get(b) ?? 0));
  const rare = byShare.filter((w) => (share.get(w) ?? 0) <= COMMON_WORD_SHARE);
  return rare.length > 0 ? rare : byShare.slice(0, 1);
}

/**
 * Narrower candidate queries than any choosing word, narrowest first, when the statistics expect
 * more than `limit` answers to hold one: the rare words (those expected in few answers together)
 * or k of the commoner words together, k from the smallest expected to fit in `limit` down to 2
 * (independent words assumed). Empty when any word is expected to fit.
 */
function narrowerQueries(choosing: readonly string[], stats: WordStats, limit: number): string[] {
  const total = stats.rows;
  if (total === null) return [];
  const expected = (w: string) => (stats.shares.get(w) ?? 0) * total;
  if (choosing.reduce((s, w) => s + expected(w), 0) <= limit) return [];
  // Rarest first: the rare words are those whose matches together are expected to fit in half.
  const rare: string[] = [];
  let rareExpected = 0;
  for (const w of choosing) {
    if (rareExpected + expected(w) > limit / 2) break;
    rare.push(w);
    rareExpected += expected(w);
  }
  const common = choosing.slice(rare.length, rare.length + COMBINED_WORDS);
  if (common.length < 2) return [];
  const queries: string[] = [];
  for (let k = 2; k <= common.length; k++) {
    const groups = combinations(common, k);
    const groupsExpected = groups.reduce(
      (s, g) => s + g.reduce((p, w) => p * (stats.shares.get(w) ?? 0), total),
      0,
    );
    const query = [
      ...(rare.length > 0 ? [wordsQuery(rare, '|')] : []),
      ...groups.map((g) => `(${wordsQuery(g, '&')})`),
    ].join(' | ');
    queries.unshift(query);
    if (rareExpected + groupsExpected <= limit) break;
  }
  return queries;
}

function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...combinations(rest, k - 1).map((c) => [first!, ...c]), ...combinations(rest, k)];
}

/** The company's dictionary and synonyms, as the root unit holds them. */
export async function getTerms(deps: Deps, actor: Actor, unitId: string) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'knowledge.read', unit.path)) throw knowledgeErrors.unitNotFound();
  return companyTerms(deps.db, unit.path[0]!);
}

/**
 * Replaces the company's dictionary and synonyms (whoever manages knowledge at the root), and
 * re-cuts every answer of the company with the new dictionary in the same transaction.
 */
export async function saveTerms(
  deps: Deps,
  actor: Actor,
  unitId: string,
  input: { words: string[]; synonyms: string[][] },
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw knowledgeErrors.unitNotFound();
  const rootId = unit.path[0]!;
  if (!can(actor.grants, 'knowledge.manage', [rootId]))
    throw authErrors.forbidden({ permission: 'knowledge.manage' });
  const now = deps.clock.now();
  const words = [...new Set(input.words)];
  const synonyms = input.synonyms.map((g) => [...new Set(g)]).filter((g) => g.length >= 2);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(kbTerms).where(eq(kbTerms.rootUnitId, rootId)).for('update');
    await tx
      .insert(kbTerms)
      .values({ rootUnitId: rootId, words, synonyms, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: kbTerms.rootUnitId,
        set: { words, synonyms, updatedBy: actor.userId, updatedAt: now },
      });
    const companyUnits = await unitIdsWithin(tx, [rootId]);
    const versions = await tx
      .select({
        id: kbArticleVersions.id,
        question: kbArticleVersions.question,
        answer: kbArticleVersions.answer,
      })
      .from(kbArticleVersions)
      .innerJoin(kbArticles, eq(kbArticles.id, kbArticleVersions.articleId))
      .where(inArray(kbArticles.unitId, companyUnits));
    const lower = words.map((w) => w.toLowerCase());
    for (const v of versions)
      await tx
        .update(kbArticleVersions)
        .set({ searchText: versionSearchText(v, lower) })
        .where(eq(kbArticleVersions.id, v.id));
    await recordAudit(tx, now, actor, {
      action: 'knowledge.terms_saved',
      subjectType: KB_ARTICLE_SUBJECT,
      subjectId: rootId,
      unitId: rootId,
      before: before ? { words: before.words, synonyms: before.synonyms } : null,
      after: { words, synonyms },
    });
  });
  return { words, synonyms };
}
