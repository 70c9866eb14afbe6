import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../test/test-app';

let kefu: TestKefu;
beforeAll(async () => {
  kefu = await createTestKefu();
});
afterAll(() => kefu.close());

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

/**
 * Operations whose success answer the OpenAPI document does not describe. A success answer counts
 * when it is a declared 204 (no body), a declared 302 (a browser navigation sent on; no body), or names a media type with a schema that says something
 * (`{}` — z.any() — does not). Fastify documents a route without response schemas as one
 * undescribed "200 Default Response".
 */
function undescribed(doc: { paths: Record<string, Record<string, Operation>> }): string[] {
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(operations)) {
      const described = Object.entries(operation.responses ?? {}).some(
        ([status, response]) =>
          /^(2\d\d|302)$/.test(status) &&
          (status === '204' || status === '302'
            ? !response.content
            : Object.values(response.content ?? {}).some(
                (m) => m.schema && Object.keys(m.schema).length > 0,
              )),
      );
      if (!described) missing.push(`${method.toUpperCase()} ${path}`);
    }
  return missing;
}

describe('the OpenAPI document (decision 0013: every response described)', () => {
  it('gives every operation a schema for its success answer', () => {
    const doc = kefu.app.swagger() as unknown as Parameters<typeof undescribed>[0];
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    expect(undescribed(doc)).toEqual([]);
  });

  it('declares downloads in their own media type, as binary, and 204s without a body', () => {
    const doc = kefu.app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const xlsx = doc.paths['/api/v1/tickets/export.xlsx']!.get!.responses['200']!.content;
    expect(xlsx).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: expect.objectContaining({ type: 'string', format: 'binary' }),
      },
    });
    expect(
      Object.keys(doc.paths['/api/v1/calendars/{unitId}/ics/export']!.get!.responses['200']!.content!),
    ).toEqual(['text/calendar']);
    const deleted = doc.paths['/api/v1/ticket-views/{id}']!.delete!.responses;
    expect(Object.keys(deleted)).toEqual(['204']);
    expect(deleted['204']!.content).toBeUndefined();
  });

  it('counts an operation without a described success answer as undescribed', () => {
    expect(
      undescribed({
        paths: {
          '/a': { get: { responses: { '200': {} } } },
          '/b': { get: { responses: { '200': { content: { 'application/json': { schema: {} } } } } } },
          '/c': {
            post: {
              responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
            },
          },
          '/d': { delete: { responses: { '204': {} } } },
        },
      }),
    ).toEqual(['GET /a', 'GET /b']);
  });
});
