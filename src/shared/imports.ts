/** CUS-5 imports of customers, assets and orders: what the API answers and accepts. */
import { z } from 'zod';
import { IMPORT_KINDS } from '../domain/imports/imports.fields';

export const importKind = z.enum(IMPORT_KINDS);
export const importMapping = z.record(z.string().max(40), z.number().int().min(0).max(500));

export const importJobSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: importKind,
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  headers: z.array(z.string()),
  totalRows: z.number(),
  status: z.enum(['uploaded', 'queued', 'running', 'done', 'failed']),
  /** Data rows read so far (committed): the progress bar is done / totalRows. */
  done: z.number(),
  imported: z.number(),
  skipped: z.number(),
  invalid: z.number(),
  error: z.string().nullable(),
  mapping: importMapping,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobSchema>;

export const uploadResponse = z.object({ job: importJobSchema, repeated: z.boolean() });

export const importFieldSchema = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  required: z.boolean(),
});

export const previewBody = z.strictObject({ mapping: importMapping.optional() });
export const previewResponse = z.object({
  job: importJobSchema,
  fields: z.array(importFieldSchema),
  mappingProblems: z.array(z.string()),
  rows: z.array(
    z.object({ row: z.number(), cells: z.array(z.string().nullable()), problems: z.array(z.string()) }),
  ),
});
export const mappingBody = z.strictObject({ mapping: importMapping });
