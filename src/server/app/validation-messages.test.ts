import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../test/test-app';
import { describeIssue } from './validation-messages';

let kefu: TestKefu;
let clerk: HttpSession;
let storeId: string;

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  storeId = org.storeA.id;
  await createUser(admin, 'clerk', org.storeA.id, 'store_manager');
  clerk = await kefu.login('clerk', TEST_PASSWORD);
});
afterAll(async () => {
  await kefu?.close();
});

interface Refusal {
  code: string;
  message: string;
  messageEn: string;
  details: { where: string; issues: { field: string | null; messageZh: string; messageEn: string }[] };
}

describe('validation errors name the field and the problem (every route, Zod-only rules)', () => {
  it('a missing field, a negative amount deep in a list: the first in the message, every one in details', async () => {
    const res = await clerk.post('/api/v1/orders', {
      unitId: storeId,
      orderedAt: '2026-03-01T10:00:00+08:00',
      lines: [{ product: '餐椅', priceFen: 100, paidFen: -1 }],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as Refusal;
    expect(body.code).toBe('validation.failed');
    expect(body.details.where).toBe('body');
    const byField = Object.fromEntries(body.details.issues.map((i) => [i.field, i]));
    expect(byField.orderNo).toMatchObject({
      messageZh: '缺少必填项“orderNo”',
      messageEn: 'orderNo is required',
    });
    expect(byField['lines.0.paidFen']).toMatchObject({
      messageZh: '“lines.0.paidFen”不能小于 0',
      messageEn: 'lines.0.paidFen must be at least 0',
    });
    expect(body.message).toBe(`提交的数据不正确：${body.details.issues[0]!.messageZh}（另有 1 处问题）`);
    expect(body.messageEn).toBe(
      `The request data is invalid: ${body.details.issues[0]!.messageEn} (and 1 more)`,
    );
  });

  it('an unknown field, a bad id in the query, an empty text, a value outside its list', async () => {
    const extra = (
      await clerk.post('/api/v1/returns/preview', {
        orderLineId: crypto.randomUUID(),
        kind: 'return',
        reason: 'change_of_mind',
        reasonDetail: '颜色不喜欢',
      })
    ).json() as Refusal;
    expect(extra.message).toBe('提交的数据不正确：有不认识的字段：reasonDetail');
    expect(extra.messageEn).toBe('The request data is invalid: unknown field: reasonDetail');
    expect(extra.details.issues[0]!.field).toBe('reasonDetail');

    const query = (await clerk.get('/api/v1/orders?unitId=not-an-id')).json() as Refusal;
    expect(query.details.where).toBe('querystring');
    expect(query.message).toBe('提交的数据不正确：“unitId”应为有效的编号（UUID）');

    const blank = (
      await clerk.post(`/api/v1/returns/${crypto.randomUUID()}/withdraw`, { reason: '  ' })
    ).json() as Refusal;
    expect(blank.message).toBe('提交的数据不正确：“reason”不能为空');
    expect(blank.messageEn).toBe('The request data is invalid: reason must not be empty');

    const kind = (
      await clerk.post('/api/v1/returns/preview', {
        orderLineId: crypto.randomUUID(),
        kind: 'swap',
        reason: 'change_of_mind',
      })
    ).json() as Refusal;
    expect(kind.message).toBe('提交的数据不正确：“kind”只能是 "cancel"、"return"、"exchange" 之一');
  });

  it('a rule’s own message written in the schema (中文 / English) is used as written, naming the field', async () => {
    const res = (
      await clerk.post('/api/v1/orders/import', { unitId: storeId, file: '不是 base64' })
    ).json() as Refusal;
    expect(res.message).toBe('提交的数据不正确：“file”文件应为 base64 编码');
    expect(res.messageEn).toBe('The request data is invalid: file: base64 expected');
  });

  it('every issue kind reads as a sentence: too long, too many, wrong type, not a multiple', () => {
    expect(
      describeIssue({
        keyword: 'too_big',
        instancePath: '/note',
        params: { origin: 'string', maximum: 500 },
      }),
    ).toMatchObject({
      field: 'note',
      messageZh: '“note”最多 500 个字',
      messageEn: 'note allows at most 500 characters',
    });
    expect(
      describeIssue({ keyword: 'too_big', instancePath: '/lines', params: { origin: 'array', maximum: 50 } }),
    ).toMatchObject({ messageZh: '“lines”最多 50 项' });
    expect(
      describeIssue({
        keyword: 'invalid_type',
        instancePath: '/intact',
        message: 'Invalid input: expected boolean, received string',
        params: { expected: 'boolean' },
      }),
    ).toMatchObject({
      messageZh: '“intact”应为是或否（true / false）',
      messageEn: 'intact must be a boolean',
    });
    expect(
      describeIssue({ keyword: 'not_multiple_of', instancePath: '/minutes', params: { divisor: 15 } }),
    ).toMatchObject({ messageZh: '“minutes”应为 15 的倍数' });
    expect(
      describeIssue({ keyword: 'custom_thing', instancePath: '/', message: 'Invalid input' }),
    ).toMatchObject({
      field: null,
      messageZh: '“请求内容”不正确',
    });
  });
});
