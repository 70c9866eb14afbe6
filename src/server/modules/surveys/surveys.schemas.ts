import { z } from 'zod';
import { QUESTION_KINDS } from '../../../domain/surveys';

/** Request and response schemas of the surveys module; they also generate the OpenAPI document. */
const text = (max: number) => z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true });

export const idParams = z.strictObject({ id: z.uuid() });
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

/** What the customer's page receives (PORTAL-2): the serializer drops anything not listed here. */
export const publicSurveySchema = z.object({
  state: z.enum(['open', 'answered']),
  title: z.string(),
  storeName: z.string(),
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
