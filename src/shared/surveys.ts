/**
 * The surveys API (满意度回访, docs/api-surveys.md): request and response schemas. Question kinds
 * are the domain's own list (src/domain/surveys).
 */
import { z } from 'zod';
import { QUESTION_KINDS, SATISFACTION_LEVELS } from '../domain/surveys';
import { TICKET_TYPES } from '../domain/tickets';
import { WORK_ORDER_TYPES } from '../domain/workorders';
import { idParams } from './common';

export { idParams };
export { QUESTION_KINDS } from '../domain/surveys';
export type QuestionKind = (typeof QUESTION_KINDS)[number];

// ---- Requests -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true });

export const tokenParams = z.strictObject({ token: z.string().max(100) });
export const codeParams = z.strictObject({
  code: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{1,49}$/,
      '模板编码只能用小写字母、数字和下划线 / lowercase letters, digits, underscores',
    ),
});

const answerValue = z.union([z.number(), text(2000), z.array(text(100)).max(50)]);
export const answersSchema = z.record(z.string().max(50), answerValue);
export const answerBody = z.strictObject({ answers: answersSchema });

export const questionSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  kind: z.enum(QUESTION_KINDS),
  label: text(300).min(1),
  required: z.boolean(),
  options: z
    .array(z.strictObject({ value: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/), label: text(100).min(1) }))
    .max(20)
    .optional(),
  scaleMax: z.number().int().min(2).max(10).optional(),
});

export const saveTemplateBody = z.strictObject({
  unitId: z.uuid(),
  name: text(100).min(1),
  description: text(500).optional(),
  questions: z.array(questionSchema).min(1).max(30),
});
export type SaveTemplateInput = z.infer<typeof saveTemplateBody>;

export const unitQuery = z.strictObject({ unitId: z.uuid() });

export const inviteBody = z.strictObject({
  subjectType: z.literal('ticket'),
  subjectId: z.uuid(),
  templateCode: z.string().max(50).optional(),
  delivery: z.enum(['call', 'sms', 'email', 'portal']),
  /** E-mail address (e-mail delivery) or a mobile other than the one on file. */
  to: text(200).optional(),
});

export const resultsQuery = z.strictObject({
  unitId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  templateCode: z.string().max(50).optional(),
  subjectType: z.enum(['ticket', 'workorder', 'care_task']).optional(),
  subjectId: z.uuid().optional(),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

export const weeklyQuery = z.strictObject({
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type WeeklyQuery = z.infer<typeof weeklyQuery>;

/**
 * Which service a survey rates, as its customer knows it (PORTAL-2): the ticket's or work order's
 * number, its type (named by the page in the customer's words) and the local date of the service.
 */
export const publicSurveyServiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), number: z.string(), type: z.enum(TICKET_TYPES), date: z.string() }),
  z.object({
    kind: z.literal('work_order'),
    number: z.string(),
    type: z.enum(WORK_ORDER_TYPES),
    date: z.string(),
  }),
]);
export type PublicSurveyService = z.infer<typeof publicSurveyServiceSchema>;

/** What the customer's page receives (PORTAL-2): the serializer drops anything not listed here. */
export const publicSurveySchema = z.object({
  state: z.enum(['open', 'answered']),
  title: z.string(),
  storeName: z.string(),
  /** The store's or company's service phone (inherited from above when the store has none). */
  servicePhone: z.string().nullable(),
  /** The ticket or work order rated; null for a care call about no case (a greeting, a recall). */
  service: publicSurveyServiceSchema.nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(QUESTION_KINDS),
      label: z.string(),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      scaleMax: z.number().optional(),
    }),
  ),
  expiresAt: z.string().nullable(),
});
export const publicAnsweredSchema = z.object({ state: z.literal('answered') });

// ---- Responses ------------------------------------------------------------------------------

const optionOut = z.object({ value: z.string(), label: z.string() });
export const surveyQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  label: z.string(),
  required: z.boolean(),
  options: z.array(optionOut).optional(),
  scaleMax: z.number().optional(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const surveyTemplateSchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  questions: z.array(surveyQuestionSchema),
  shipped: z.boolean(),
  ownerUnitId: z.string().nullable(),
  version: z.number().nullable(),
});
export type SurveyTemplate = z.infer<typeof surveyTemplateSchema>;
export const surveyTemplateListSchema = z.object({ items: z.array(surveyTemplateSchema) });

export const npsBreakdownSchema = z.object({
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  total: z.number(),
  /** % promoters (9–10) − % detractors (0–6); null with no answers. */
  score: z.number().nullable(),
});
export type NpsBreakdown = z.infer<typeof npsBreakdownSchema>;
/** SAT-4: the headline figures of a set of responses (a week, a unit, an employee). */
export const responseSummarySchema = z.object({
  responses: z.number(),
  csatAverage: z.number().nullable(),
  csatSatisfiedRate: z.number().nullable(),
  nps: npsBreakdownSchema,
  detractors: z.number(),
});
export type Summary = z.infer<typeof responseSummarySchema>;
const employeeResultSchema = responseSummarySchema.extend({ employeeId: z.string(), name: z.string() });

/** GET /surveys/results (SAT-3, SAT-4). */
export const surveyResultsSchema = z.object({
  summary: responseSummarySchema.extend({ invited: z.number(), responseRate: z.number().nullable() }),
  trend: z.array(
    z.object({
      week: z.string(),
      responses: z.number(),
      csatAverage: z.number().nullable(),
      nps: z.number().nullable(),
    }),
  ),
  distributions: z.array(
    z.object({
      templateCode: z.string(),
      title: z.string(),
      questions: z.array(
        z.object({
          questionId: z.string(),
          label: z.string(),
          kind: z.enum(QUESTION_KINDS),
          counts: z.array(z.object({ value: z.string(), count: z.number() })),
          answered: z.number(),
          options: z.array(optionOut).optional(),
        }),
      ),
    }),
  ),
  employees: z.array(employeeResultSchema),
  comments: z.array(
    z.object({
      invitationId: z.string(),
      respondedAt: z.string(),
      templateCode: z.string(),
      csat: z.number().nullable(),
      nps: z.number().nullable(),
      satisfaction: z.string().nullable(),
      comment: z.string(),
      employeeName: z.string().nullable(),
      subjectType: z.string(),
      subjectId: z.string(),
      followUpTicketId: z.string().nullable(),
    }),
  ),
  truncated: z.boolean(),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

/** A stored weekly summary (SAT-4); `summary` is the figures frozen when the week closed. */
export const weeklySummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  week: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  summary: responseSummarySchema.extend({
    unitName: z.string(),
    invited: z.number(),
    employees: z.array(employeeResultSchema),
  }),
  createdAt: z.string(),
});
export type WeeklySummary = z.infer<typeof weeklySummarySchema>;

export type SurveyAnswers = z.infer<typeof answersSchema>;
export type AnswerValue = SurveyAnswers[string];

/** POST /surveys/invitations: 201 with a new invitation, 200 when the same request was already made. */
export const invitationOutcomeSchema = z.object({
  invitationId: z.string(),
  created: z.boolean(),
  /** Relative link (/c/s/<token>) for link deliveries; null for a call, and on a replay. */
  url: z.string().nullable(),
  messageId: z.string().nullable(),
});

/** An invitation as the call form shows it (GET /surveys/invitations/:id). */
export const surveyInvitationSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  storeName: z.string(),
  customerId: z.string().nullable(),
  templateCode: z.string(),
  title: z.string(),
  questions: z.array(surveyQuestionSchema),
  subjectType: z.enum(['ticket', 'workorder', 'care_task']),
  subjectId: z.string(),
  employeeId: z.string().nullable(),
  delivery: z.enum(['call', 'sms', 'email', 'portal']),
  state: z.enum(['open', 'answered', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  response: z
    .object({
      answers: answersSchema,
      csat: z.number().nullable(),
      nps: z.number().nullable(),
      satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
      comment: z.string().nullable(),
      detractor: z.boolean(),
      respondedAt: z.string(),
      followUpTicketId: z.string().nullable(),
    })
    .nullable(),
});
export type SurveyInvitation = z.infer<typeof surveyInvitationSchema>;

/** POST /surveys/invitations/:id/response: the recorded answer and what it set off (SAT-2). */
export const recordedResponseSchema = z.object({
  responseId: z.string(),
  detractor: z.boolean(),
  followUpTicketId: z.string().nullable(),
  /** The answer was the complaint's SAT-2 evaluation. */
  evaluated: z.boolean(),
});

/** GET /surveys/weekly-summaries: a page of stored SAT-4 summaries. */
export const weeklySummaryPageSchema = z.object({
  items: z.array(weeklySummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
