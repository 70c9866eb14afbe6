import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { KB_SOURCE_KINDS, KB_VERSION_STATES } from '../../../domain/knowledge';
import { organisationUnits, users } from '../org/org.table';

/**
 * Approved answers (答客问, KB-1). An article is the lasting thing agents count uses of; its text
 * lives in versions. `published_version_id` is the approved version offered to agents while it is
 * valid; a newer version waits for approval without taking the published one away.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    publishedVersionId: uuid('published_version_id'),
    latestVersion: integer('latest_version').notNull().default(1),
    usageCount: integer('usage_count').notNull().default(0),
    // The published version whose owner was reminded it lapses soon: one reminder per version.
    expiryRemindedVersionId: uuid('expiry_reminded_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_articles_unit_idx').on(t.unitId)],
);

/** Every edit of an answer is a new version; versions are never changed after approval. */
export const kbArticleVersions = pgTable(
  'kb_article_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    /**
     * The article's unit, kept on each version (an article never changes unit) so suggestions scope
     * the answers offered at a unit in the versions' own word index, without reading the articles.
     */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    version: integer('version').notNull(),
    question: text('question').notNull(),
    // Plain text: no sanitiser is among the dependencies, so no HTML is accepted or rendered.
    answer: text('answer').notNull(),
    sourceKind: text('source_kind', { enum: KB_SOURCE_KINDS }).notNull(),
    /** CARE-6: for an objection answer, the care rule whose calls it serves (null: every rule). */
    careRuleCode: text('care_rule_code'),
    /** PORTAL-1: shown to customers on the portal's 常见问题 board while approved and current. */
    isPublic: boolean('is_public').notNull().default(false),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    state: text('state', { enum: KB_VERSION_STATES }).notNull(),
    authorId: uuid('author_id').references(() => users.id),
    approverId: uuid('approver_id').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /**
     * jieba tokens of question and answer (with the company's dictionary), space-separated. The
     * column search_vector (to_tsvector('simple', search_text), added in SQL by a migration like the
     * tickets' one) has a GIN index of unit and words over approved versions (migration 0080):
     * suggestions pick their candidates there.
     */
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('kb_article_versions_article_version_idx').on(t.articleId, t.version),
    index('kb_article_versions_offered_idx')
      .on(t.validUntil)
      .where(sql`state = 'approved'`),
  ],
);

/** Each time an agent inserted an answer (the per-article count is kept on kb_articles). */
export const kbArticleUses = pgTable(
  'kb_article_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => kbArticles.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => kbArticleVersions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ticketId: uuid('ticket_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_article_uses_article_idx').on(t.articleId, t.at)],
);

/**
 * The company's own words (product and place names jieba should keep whole) and synonym groups,
 * one row per root unit, edited by knowledge managers.
 */
export const kbTerms = pgTable('kb_terms', {
  rootUnitId: uuid('root_unit_id')
    .primaryKey()
    .references(() => organisationUnits.id),
  words: jsonb('words').$type<string[]>().notNull(),
  synonyms: jsonb('synonyms').$type<string[][]>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** KB-2: the two case libraries. */
export const KB_CASE_LIBRARIES = ['design', 'quality'] as const;

/**
 * The case library's categories, per company (root unit), editable; the four of the manual are
 * written the first time a company's categories are read.
 */
export const kbCaseCategories = pgTable(
  'kb_case_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rootUnitId: uuid('root_unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_case_categories_root_idx').on(t.rootUnitId, t.position)],
);

/**
 * KB-2: a case written from a ticket (or by hand): the problem, its photos (attachments of subject
 * 'kb_case'), the analysis, the lessons learned and the responsible department.
 */
export const kbCases = pgTable(
  'kb_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    library: text('library', { enum: KB_CASE_LIBRARIES }).notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => kbCaseCategories.id),
    title: text('title').notNull(),
    problem: text('problem').notNull(),
    analysis: text('analysis').notNull().default(''),
    lessons: text('lessons').notNull().default(''),
    responsibleDepartmentId: uuid('responsible_department_id').references(() => organisationUnits.id),
    sourceTicketId: uuid('source_ticket_id'),
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_cases_unit_category_idx').on(t.unitId, t.categoryId)],
);

/**
 * KB-3: a new project or product under design review (a record of the knowledge base: the org has
 * no project entity besides its units). The cases of its categories are the design department's
 * input; `causes` is customer service's classified cause analysis of drawing-caused complaints.
 */
export const kbReviewProjects = pgTable(
  'kb_review_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    name: text('name').notNull(),
    categoryIds: jsonb('category_ids').$type<string[]>().notNull(),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
    causes: jsonb('causes')
      .$type<{ categoryId: string; cause: string; complaints: number; analysis: string }[]>()
      .notNull()
      .default([]),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('kb_review_projects_unit_idx').on(t.unitId)],
);

/** KB-3: at a department's output, customer service confirms a case's problem was avoided (确定相关问题已经规避). */
export const kbReviewSignoffs = pgTable(
  'kb_review_signoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => kbReviewProjects.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => kbCases.id),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => organisationUnits.id),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('kb_review_signoffs_once_idx').on(t.projectId, t.caseId, t.departmentId)],
);
