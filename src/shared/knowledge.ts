/**
 * The knowledge base API (知识库, KB-1…KB-3, CL-2): approved answers with their versions and
 * validity, and the suggestions offered while an agent types a new ticket.
 */
import { z } from 'zod';
import {
  KB_SOURCE_KINDS,
  KB_VERSION_STATES,
  type KbSourceKind,
  type KbVersionState,
} from '../domain/knowledge';
import { instantString, pagination, type Labels } from './common';
import { personRef } from './org';

export { KB_SOURCE_KINDS, KB_VERSION_STATES, type KbSourceKind, type KbVersionState };

export const KB_SOURCE_KIND_LABELS: Labels<KbSourceKind> = {
  sales_qa: { zh: '销售答客问', en: 'Sales Q&A' },
  media_facts: { zh: '媒体报道中的客观事实', en: 'Facts from media reports' },
  promotion: { zh: '已发布的促销与活动', en: 'Published promotion or event' },
  objection: { zh: '常见异议答复（回访话术）', en: 'Answer to a common objection (care calls)' },
};
export const KB_VERSION_STATE_LABELS: Labels<KbVersionState> = {
  pending: { zh: '审核中', en: 'Awaiting approval' },
  approved: { zh: '已发布', en: 'Published' },
  sent_back: { zh: '被退回', en: 'Sent back' },
  superseded: { zh: '已被新版本取代', en: 'Superseded' },
};

const text = (max: number) => z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true });

/** A new answer or a new version of one: every edit is a new version that needs approval again. */
export const articleVersionBody = z
  .strictObject({
    question: text(500).min(1),
    /** Plain text (line breaks kept); no HTML is stored or rendered. */
    answer: text(10_000).min(1),
    sourceKind: z.enum(KB_SOURCE_KINDS),
    /** CARE-6: an objection answer's care rule (none: all rules); other kinds carry none. */
    careRuleCode: text(60).min(1).nullable().optional(),
    validFrom: instant,
    validUntil: instant.nullable(),
    /** PORTAL-1: also shown to customers on the portal's 常见问题 board once approved (not objections). */
    isPublic: z.boolean().default(false),
  })
  .refine((b) => b.sourceKind === 'objection' || !b.careRuleCode, {
    message: 'careRuleCode belongs to objection answers only',
    path: ['careRuleCode'],
  })
  .refine((b) => b.validUntil === null || Date.parse(b.validUntil) > Date.parse(b.validFrom), {
    message: 'validUntil must be after validFrom',
    path: ['validUntil'],
  });
export const createArticleBody = z.intersection(z.strictObject({ unitId: z.uuid() }), articleVersionBody);
export type CreateArticleInput = z.infer<typeof createArticleBody>;
export type ArticleVersionInput = z.infer<typeof articleVersionBody>;

export const articleVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  question: z.string(),
  answer: z.string(),
  sourceKind: z.enum(KB_SOURCE_KINDS),
  careRuleCode: z.string().nullable(),
  isPublic: z.boolean(),
  validFrom: instantString,
  validUntil: instantString.nullable(),
  state: z.enum(KB_VERSION_STATES),
  author: personRef.nullable(),
  approver: personRef.nullable(),
  approvedAt: instantString.nullable(),
  createdAt: instantString,
});
export type ArticleVersionView = z.infer<typeof articleVersionSchema>;

export const articleSchema = z.object({
  id: z.uuid(),
  unitId: z.string(),
  unitName: z.string(),
  owner: personRef.nullable(),
  usageCount: z.number().int(),
  /** The version offered to agents now (approved and inside its validity), if any. */
  offered: z.boolean(),
  published: articleVersionSchema.nullable(),
  latest: articleVersionSchema,
  versions: z.array(articleVersionSchema),
  updatedAt: instantString,
});
export type ArticleView = z.infer<typeof articleSchema>;

export const listArticlesQuery = z.strictObject({
  q: text(100).optional(),
  state: z.enum(['offered', 'pending', 'expired', 'all']).default('all'),
  ...pagination,
});
export const articleListResponse = z.object({
  items: z.array(articleSchema.omit({ versions: true })),
  total: z.number().int(),
});

/** What the agent has typed so far on the intake form. */
export const suggestionsBody = z.strictObject({
  unitId: z.uuid(),
  subject: text(200).default(''),
  description: text(10_000).default(''),
});
export const suggestedAnswerSchema = z.object({
  articleId: z.uuid(),
  versionId: z.uuid(),
  question: z.string(),
  answer: z.string(),
  sourceKind: z.enum(KB_SOURCE_KINDS),
  validUntil: instantString.nullable(),
  usageCount: z.number().int(),
  score: z.number(),
});
export const similarTicketSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.string(),
  subject: z.string(),
  state: z.string(),
  receivedAt: instantString,
  /** How it was resolved: the last reply to the customer, when there was one. */
  resolution: z.string().nullable(),
  score: z.number(),
});
export const suggestedCaseSchema = z.object({
  id: z.uuid(),
  library: z.enum(['design', 'quality']),
  title: z.string(),
  lessons: z.string(),
  score: z.number(),
});
export const suggestionsResponse = z.object({
  /** The words the text was cut into (after stop words and synonyms), so the agent sees why. */
  words: z.array(z.string()),
  answers: z.array(suggestedAnswerSchema),
  tickets: z.array(similarTicketSchema),
  cases: z.array(suggestedCaseSchema),
});
export type SuggestionsView = z.infer<typeof suggestionsResponse>;

/** One click on 插入: the answer was used (optionally on a ticket). */
export const useArticleBody = z.strictObject({ ticketId: z.uuid().nullable().default(null) });

/** The company's words (product and place names jieba should keep whole) and synonym groups. */
export const termsBody = z.strictObject({
  words: z.array(text(40).min(1)).max(2000),
  synonyms: z.array(z.array(text(40).min(1)).min(2).max(20)).max(1000),
});
export const termsSchema = termsBody;

// ---- Case library (案例库, KB-2) ------------------------------------------------------------

export const KB_CASE_LIBRARIES = ['design', 'quality'] as const;
export type KbCaseLibrary = (typeof KB_CASE_LIBRARIES)[number];
export const KB_CASE_LIBRARY_LABELS: Labels<KbCaseLibrary> = {
  design: { zh: '客服-设计案例库', en: 'Customer service – design' },
  quality: { zh: '客服-质量案例库', en: 'Customer service – quality' },
};

export const caseCategorySchema = z.object({
  id: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string(),
  position: z.number(),
});
/** The categories in order; an entry without id is a new category. */
export const caseCategoriesBody = z.strictObject({
  unitId: z.uuid(),
  categories: z
    .array(z.strictObject({ id: z.uuid().optional(), nameZh: text(60).min(1), nameEn: text(80).min(1) }))
    .min(1)
    .max(30),
});

export const caseBody = z.strictObject({
  unitId: z.uuid(),
  library: z.enum(KB_CASE_LIBRARIES),
  categoryId: z.uuid(),
  title: text(200).min(1),
  problem: text(10_000).min(1),
  analysis: text(10_000).default(''),
  lessons: text(10_000).default(''),
  responsibleDepartmentId: z.uuid().nullable().default(null),
  sourceTicketId: z.uuid().nullable().default(null),
});
export type CaseInput = z.infer<typeof caseBody>;

export const caseSchema = z.object({
  id: z.uuid(),
  unitId: z.string(),
  library: z.enum(KB_CASE_LIBRARIES),
  categoryId: z.string(),
  title: z.string(),
  problem: z.string(),
  analysis: z.string(),
  lessons: z.string(),
  responsibleDepartmentId: z.string().nullable(),
  sourceTicketId: z.string().nullable(),
  createdAt: instantString,
});
export type CaseView = z.infer<typeof caseSchema>;
/** A case prefilled from a ticket (one click from the ticket): the agent completes and saves it. */
export const caseDraftSchema = caseSchema
  .pick({ unitId: true, title: true, problem: true, analysis: true })
  .extend({
    responsibleDepartmentId: z.string().nullable(),
    sourceTicketId: z.string(),
  });
export const listCasesQuery = z.strictObject({
  library: z.enum(KB_CASE_LIBRARIES).optional(),
  categoryId: z.uuid().optional(),
  ...pagination,
});
export const caseListResponse = z.object({ items: z.array(caseSchema), total: z.number().int() });

// ---- Design-review checklist (设计评审清单, KB-3) --------------------------------------------

/**
 * The classified cause analysis of drawing-caused complaints customer service supplies before
 * construction-drawing design: per category, the cause class, how many complaints, the analysis.
 */
export const reviewCauseSchema = z.strictObject({
  categoryId: z.uuid(),
  cause: text(100).min(1),
  complaints: z.number().int().min(0).max(1_000_000),
  analysis: text(5_000).default(''),
});
export type ReviewCause = z.infer<typeof reviewCauseSchema>;

/** A new project or product under design review: its categories' cases are the design input. */
export const reviewProjectBody = z.strictObject({
  unitId: z.uuid(),
  name: text(120).min(1),
  categoryIds: z.array(z.uuid()).min(1).max(30),
  /** The departments whose outputs are checked (design, engineering…): one sign-off per case each. */
  departmentIds: z.array(z.uuid()).min(1).max(20),
});
export type ReviewProjectInput = z.infer<typeof reviewProjectBody>;
/** KB-3: a checklist's name, categories and departments changed after it was made (its unit stays). */
export const reviewProjectUpdateBody = reviewProjectBody.omit({ unitId: true });
export type ReviewProjectUpdate = z.infer<typeof reviewProjectUpdateBody>;
export const reviewCausesBody = z.strictObject({ causes: z.array(reviewCauseSchema).max(200) });
export const reviewSignoffBody = z.strictObject({
  caseId: z.uuid(),
  departmentId: z.uuid(),
  note: text(1_000).default(''),
});

const unitRef = z.object({ id: z.string(), name: z.string() });
export const reviewProjectSchema = z.object({
  id: z.uuid(),
  unitId: z.string(),
  unitName: z.string(),
  name: z.string(),
  categories: z.array(caseCategorySchema.pick({ id: true, nameZh: true, nameEn: true })),
  departments: z.array(unitRef),
  causes: z.array(reviewCauseSchema),
  /** Sign-offs recorded / cases × departments. */
  signed: z.number().int(),
  required: z.number().int(),
  createdBy: personRef,
  createdAt: instantString,
});
export type ReviewProjectView = z.infer<typeof reviewProjectSchema>;

export const reviewSignoffSchema = z.object({
  id: z.uuid(),
  caseId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  signedBy: personRef,
  signedAt: instantString,
  note: z.string(),
});
export const reviewChecklistSchema = z.object({
  project: reviewProjectSchema,
  items: z.array(
    z.object({
      case: caseSchema.pick({
        id: true,
        library: true,
        categoryId: true,
        title: true,
        problem: true,
        lessons: true,
      }),
      signoffs: z.array(reviewSignoffSchema),
    }),
  ),
});
export type ReviewChecklistView = z.infer<typeof reviewChecklistSchema>;
export const reviewProjectListResponse = z.object({ items: z.array(reviewProjectSchema) });
export const reviewExportQuery = z.strictObject({ projectId: z.uuid() });
