/**
 * Shapes every capability's API shares: ids, instants, pages, a named reference. The server's
 * routes validate and serialise with these; the web derives its types from them (z.infer).
 */
import { z } from 'zod';

export const idParams = z.strictObject({ id: z.uuid() });

/** An instant as the API sends it: ISO 8601 with an offset (responses use `toISOString()`). */
export const instantString = z.string();

/** `?page=&pageSize=` of every paged list. */
export const pagination = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** A phone number as typed into a form: digits and + - ( ) and spaces, up to 30 characters; optional. */
export const phoneText = z
  .string()
  .trim()
  .max(30)
  .regex(/^[0-9+\-() ]*$/, '电话号码格式不正确 / invalid phone number')
  .nullable()
  .optional();

/** A person, team, unit or channel as lists name it. */
export const namedSchema = z.object({ id: z.string(), name: z.string() });
export type Named = z.infer<typeof namedSchema>;

/** `{ items }` of a list answered in full. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** `{ items, total }` of a paged list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/** A page of a list, as the web reads it. */
export interface Page<T> {
  items: T[];
  total: number;
  /** Set by lists that stop counting (a ticket word search): more than `total` match. */
  totalCapped?: boolean;
}

export interface ItemList<T> {
  items: T[];
}

/** A label in both languages Kefu speaks, Simplified Chinese first. */
export interface Label {
  zh: string;
  en: string;
}

/** The labels of an enum, one per value, so a missing label is a type error. */
export type Labels<T extends string> = Record<T, Label>;

/** One language's labels of an enum, as an i18n bundle holds them. */
export function labelsIn<T extends string>(labels: Labels<T>, language: keyof Label): Record<T, string> {
  return Object.fromEntries(Object.entries<Label>(labels).map(([k, v]) => [k, v[language]])) as Record<
    T,
    string
  >;
}

/** The media type of an Excel workbook (.xlsx), for every export. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The answer of a command that returns nothing (HTTP 204): no body. */
export const noContent = z.undefined().describe('无内容 / No content');

/** The answer of a browser navigation that sends the browser on (HTTP 302): no body, a Location header. */
export const redirectAnswer = z.undefined().describe('跳转（见 Location）/ Redirect (see Location)');

/**
 * A file download's 200 answer for the OpenAPI document: the body is the file itself in the given
 * media type (`*\/*` when it is the uploaded file's own type), not JSON.
 */
export const fileDownload = (mediaType: string, description: string) => ({
  description,
  // The server sends a stream or a buffer; the document says "binary string".
  content: { [mediaType]: { schema: z.unknown().meta({ type: 'string', format: 'binary' }) } },
});

/** A Server-Sent Events stream's 200 answer: `text/event-stream`, one event after another. */
export const eventStream = (description: string) => ({
  description,
  content: { 'text/event-stream': { schema: z.string() } },
});
