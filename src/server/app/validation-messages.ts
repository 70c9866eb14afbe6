/**
 * Zod's refusals in words a person can act on (请求校验): which field, what is wrong with it, in
 * Chinese and English. Every route's schema error goes through here (http-errors.ts), so a form
 * rule written only in Zod still answers "订单号不能为空" rather than "提交的数据不正确".
 */

/** One refused value as fastify-type-provider-zod hands it over: Zod's issue, its path as a JSON pointer. */
export interface SchemaIssue {
  /** Zod's issue code (invalid_type, too_small, unrecognized_keys…). */
  keyword: string;
  /** '/lines/0/paidFen'; '/' for the whole body or query. */
  instancePath: string;
  /** Zod's own English sentence (or the schema's custom message). */
  message?: string | undefined;
  /** The rest of Zod's issue: expected, minimum, maximum, origin, inclusive, format, values, keys… */
  params?: Record<string, unknown> | undefined;
}

export interface DescribedIssue {
  /** The JSON pointer, as before. */
  path: string;
  /** The field in dotted form (lines.0.paidFen), or null for the request as a whole. */
  field: string | null;
  code: string;
  /** Zod's own sentence, kept for clients that showed it. */
  message: string;
  messageZh: string;
  messageEn: string;
}

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否（true / false）',
  array: '列表',
  object: '对象',
  date: '日期',
  bigint: '整数',
  null: '空值',
};

const FORMAT: Record<string, [string, string]> = {
  uuid: ['有效的编号（UUID）', 'a valid id (UUID)'],
  guid: ['有效的编号（UUID）', 'a valid id (UUID)'],
  datetime: [
    '带时区的时间（如 2026-03-01T10:00:00+08:00）',
    'a date-time with its offset (2026-03-01T10:00:00+08:00)',
  ],
  date: ['日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)'],
  time: ['时间（HH:mm）', 'a time (HH:mm)'],
  email: ['有效的电子邮箱地址', 'a valid e-mail address'],
  url: ['有效的网址', 'a valid URL'],
  regex: ['规定的格式', 'the expected format'],
};

/** A schema's own message: 'zh / en' when written in both, else the same words twice. */
function customMessage(message: string): [string, string] {
  const [zh, en] = message.split(' / ');
  return [zh!.trim(), (en ?? zh!).trim()];
}

/** Zod's defaults start so; anything else was written by us in the schema. */
const isZodDefault = (message: string | undefined) =>
  !message ||
  /^(Invalid|Too (small|big)|Unrecognized|Expected|Required|Number must|String must)/i.test(message);

const list = (values: unknown[], sep: string) => values.map((v) => JSON.stringify(v)).join(sep);

/** The sentence for one refused value, naming the field. */
export function describeIssue(issue: SchemaIssue): DescribedIssue {
  const segments = issue.instancePath.split('/').filter(Boolean);
  const field = segments.length > 0 ? segments.join('.') : null;
  const p = issue.params ?? {};
  const name = field ?? '请求内容';
  const nameEn = field ?? 'the request';
  const out = (zh: string, en: string): DescribedIssue => ({
    path: issue.instancePath || '/',
    field,
    code: issue.keyword,
    message: issue.message ?? en,
    messageZh: zh,
    messageEn: en,
  });
  if (issue.keyword !== 'unrecognized_keys' && !isZodDefault(issue.message)) {
    const [zh, en] = customMessage(issue.message!);
    return out(`“${name}”${zh}`, `${nameEn}: ${en}`);
  }
  const origin = String(p.origin ?? '');
  const inclusive = p.inclusive !== false;
  switch (issue.keyword) {
    case 'invalid_type': {
      const expected = String(p.expected ?? '');
      if (/received undefined/.test(issue.message ?? ''))
        return out(`缺少必填项“${name}”`, `${nameEn} is required`);
      return out(
        `“${name}”应为${TYPE_ZH[expected] ?? expected}`,
        `${nameEn} must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`,
      );
    }
    case 'too_small': {
      const min = Number(p.minimum);
      if (origin === 'string')
        return min <= 1
          ? out(`“${name}”不能为空`, `${nameEn} must not be empty`)
          : out(`“${name}”至少要 ${min} 个字`, `${nameEn} needs at least ${min} characters`);
      if (origin === 'array' || origin === 'set')
        return out(`“${name}”至少要有 ${min} 项`, `${nameEn} needs at least ${min} item(s)`);
      return inclusive
        ? out(`“${name}”不能小于 ${min}`, `${nameEn} must be at least ${min}`)
        : out(`“${name}”必须大于 ${min}`, `${nameEn} must be greater than ${min}`);
    }
    case 'too_big': {
      const max = Number(p.maximum);
      if (origin === 'string')
        return out(`“${name}”最多 ${max} 个字`, `${nameEn} allows at most ${max} characters`);
      if (origin === 'array' || origin === 'set')
        return out(`“${name}”最多 ${max} 项`, `${nameEn} allows at most ${max} items`);
      return inclusive
        ? out(`“${name}”不能大于 ${max}`, `${nameEn} must be at most ${max}`)
        : out(`“${name}”必须小于 ${max}`, `${nameEn} must be less than ${max}`);
    }
    case 'invalid_format': {
      const [zh, en] = FORMAT[String(p.format)] ?? FORMAT.regex!;
      return out(`“${name}”应为${zh}`, `${nameEn} must be ${en}`);
    }
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values : [];
      return out(
        `“${name}”只能是 ${list(values, '、')} 之一`,
        `${nameEn} must be one of ${list(values, ', ')}`,
      );
    }
    case 'unrecognized_keys': {
      const keys = (Array.isArray(p.keys) ? p.keys : []).map(String);
      const where = field ? `“${field}”中` : '';
      return {
        ...out(
          `${where}有不认识的字段：${keys.join('、')}`,
          `unknown field${keys.length > 1 ? 's' : ''}${field ? ` in ${field}` : ''}: ${keys.join(', ')}`,
        ),
        field: keys.map((k) => (field ? `${field}.${k}` : k)).join(','),
      };
    }
    case 'not_multiple_of':
      return out(
        `“${name}”应为 ${String(p.divisor)} 的倍数`,
        `${nameEn} must be a multiple of ${String(p.divisor)}`,
      );
    case 'invalid_union':
      return out(`“${name}”的格式不符合任何一种允许的写法`, `${nameEn} matches none of the allowed forms`);
    default:
      return out(`“${name}”不正确`, `${nameEn} is invalid${issue.message ? ` (${issue.message})` : ''}`);
  }
}

/** The whole refusal: the first problem in the message, the rest counted; every problem in details. */
export function describeValidation(issues: readonly SchemaIssue[]) {
  const described = issues.map(describeIssue);
  const first = described[0];
  const more = described.length - 1;
  return {
    messageZh: first
      ? `提交的数据不正确：${first.messageZh}${more > 0 ? `（另有 ${more} 处问题）` : ''}`
      : '提交的数据不正确',
    messageEn: first
      ? `The request data is invalid: ${first.messageEn}${more > 0 ? ` (and ${more} more)` : ''}`
      : 'The request data is invalid',
    issues: described,
  };
}
