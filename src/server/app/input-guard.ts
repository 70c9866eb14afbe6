import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from './errors';

/**
 * Checks every string of every request (body, query, params, headers) before the route's own Zod
 * schema sees it — one rule for all routes, so a new route cannot forget it:
 *
 * - Text must be storable: PostgreSQL refuses the NUL character, and a lone UTF-16 surrogate
 *   cannot be encoded in a JSON timeline or audit row. Both answer 400 `request.invalid_text`.
 * - Instants (ISO date-times) must lie within 1970–2200, the years the working-day calendar and
 *   SLA arithmetic support; outside them answer 400 `request.instant_out_of_range` naming the
 *   range. Plain dates (a customer's birthday in 1965) are not instants and are not limited.
 * - A change (PATCH) must change something: a body that is empty once the schema has dropped
 *   unknown fields answers 400 `request.nothing_to_change` instead of reaching the database with
 *   an update of no columns.
 */
export const inputErrors = {
  invalidText: (path: string) =>
    new AppError(
      'request.invalid_text',
      400,
      '提交的文字中含有无法保存的字符（空字符或不完整的 Unicode 字符）',
      'The text contains a character that cannot be stored (NUL or a lone UTF-16 surrogate)',
      { path },
    ),
  instantOutOfRange: (path: string, value: string) =>
    new AppError(
      'request.instant_out_of_range',
      400,
      '时间超出支持范围：只支持 1970 年至 2200 年之间的时间',
      'The time is outside the supported range: only instants from 1970 to 2200 are accepted',
      { path, value, range: { from: '1970-01-01T00:00:00Z', to: '2200-12-31T23:59:59Z' } },
    ),
  nothingToChange: () =>
    new AppError(
      'request.nothing_to_change',
      400,
      '没有要修改的内容：请至少填写一项要修改的字段',
      'Nothing to change: send at least one field to update',
    ),
};

const INSTANT = /^([+-]?\d{4,6})-\d{2}-\d{2}T/;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2200;

function badString(value: string, path: string): AppError | null {
  if (value.includes('\u0000') || !(value as string & { isWellFormed(): boolean }).isWellFormed())
    return inputErrors.invalidText(path);
  const instant = INSTANT.exec(value);
  if (instant) {
    const year = Number(instant[1]);
    // An instant near a year's edge may fall in the neighbouring year in another time zone.
    const ms = Date.parse(value);
    const outside = Number.isNaN(ms)
      ? year < FIRST_YEAR || year > LAST_YEAR
      : ms < Date.UTC(FIRST_YEAR, 0, 1) || ms >= Date.UTC(LAST_YEAR + 1, 0, 1);
    if (outside) return inputErrors.instantOutOfRange(path, value);
  }
  return null;
}

/** The first unstorable string or out-of-range instant in a request part, with its JSON path. */
export function findBadInput(value: unknown, path = ''): AppError | null {
  if (typeof value === 'string') return badString(value, path || '/');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadInput(value[i], `${path}/${i}`);
      if (bad) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const keyBad = badString(key, `${path}/${key}`);
      if (keyBad?.code === 'request.invalid_text') return keyBad;
      const bad = findBadInput(v, `${path}/${key}`);
      if (bad) return bad;
    }
  }
  return null;
}

/** The Zod validator compiler, behind the checks above. */
export const guardedValidatorCompiler: FastifySchemaCompiler<
  Parameters<typeof validatorCompiler>[0]['schema']
> = (route) => {
  const validate = validatorCompiler(route);
  const isChange = route.method === 'PATCH' && route.httpPart === 'body';
  return (data: unknown) => {
    const bad = findBadInput(data);
    if (bad) return { error: bad };
    const result = validate(data);
    if (isChange && typeof result === 'object' && 'value' in result && isEmptyObject(result.value))
      return { error: inputErrors.nothingToChange() };
    return result;
  };
};

const isEmptyObject = (value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
