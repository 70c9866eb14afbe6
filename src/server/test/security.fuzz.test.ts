/**
 * Fuzz of every write route, generated from the OpenAPI document (issue 12): malformed JSON, wrong
 * types, missing fields, 1 MB strings, NUL, lone surrogates, RTL text and emoji, huge and negative
 * numbers, bad UUIDs, impossible and out-of-range dates. Seeded, so a failure replays. No answer
 * may be a 5xx, every 4xx carries a code, and a route whose requests were all refused has left
 * every table exactly as it was (row counts and a content fingerprint).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { buildOrganisation } from './factories';
import { createTestKefu, type HttpSession, type TestKefu } from './test-app';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

let kefu: TestKefu;
let admin: HttpSession;
let tables: string[];

// Bookkeeping that any request may touch without changing business data.
const NOT_DATA = new Set(['sessions', 'login_throttles', '__drizzle_migrations']);

beforeAll(async () => {
  kefu = await createTestKefu({ KEFU_LOGIN_RATE_LIMIT: '10000' });
  admin = await kefu.login('admin');
  await buildOrganisation(admin);
  tables = rowsOf<{ name: string }>(
    await kefu.deps.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  )
    .map((r) => r.name)
    .filter((t) => !NOT_DATA.has(t));
});
afterAll(() => kefu.close());

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const t of tables) {
    const [row] = rowsOf<{ n: number; h: string | null }>(
      await kefu.deps.db.execute(
        sql.raw(
          `select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${t}" x`,
        ),
      ),
    );
    parts.push(`${t}:${row!.n}:${row!.h ?? ''}`);
  }
  return parts.join(',');
}

/** mulberry32: a small seeded generator, so every run sends the same requests. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const typeOf = (s: Schema): string => {
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return typeOf(alt.find((a) => a.type !== 'null') ?? alt[0]!);
  return (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type) ?? 'string';
};

/** A plausible value for a schema: the base each mutation starts from, so checks run past the first field. */
function plausible(s: Schema, rand: () => number, depth = 0): unknown {
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return plausible(alt.find((a) => a.type !== 'null') ?? alt[0]!, rand, depth);
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = plausible(s.properties?.[key] ?? {}, rand, depth + 1);
      return out;
    }
    default:
      if (s.format === 'uuid')
        return '00000000-0000-4000-8000-' + String(Math.floor(rand() * 1e12)).padStart(12, '0');
      if (s.format === 'date-time') return '2026-03-02T02:00:00Z';
      if (s.format === 'date') return '2026-03-02';
      return '测试';
  }
}

const BAD_VALUES: [string, (rand: () => number) => unknown][] = [
  ['wrong type: number', () => 12345],
  ['wrong type: object', () => ({ nested: true })],
  ['wrong type: array', () => ['a', 1]],
  ['null', () => null],
  ['NUL', () => 'a\u0000b'],
  ['lone surrogate', () => 'x\ud800y'],
  ['RTL and emoji', () => '\u202eمرحبا 👩‍🔧 客服'],
  ['negative', () => -1],
  ['huge', () => 1e308],
  ['bad UUID', () => 'not-a-uuid'],
  ['impossible date', () => '2026-02-30T25:61:00Z'],
  ['before 1970', () => '1969-07-20T20:17:00Z'],
  ['long string', (rand) => 'x'.repeat(5000 + Math.floor(rand() * 5000))],
];

describe('security suite: fuzz of every write route from the OpenAPI document (issue 12)', () => {
  it('no 5xx, every refusal has a code, refused requests change no data', async () => {
    const doc = (await admin.get('/api/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>
      >;
    };
    const rand = seeded(20261206);
    const problems: string[] = [];
    let sent = 0;
    let routes = 0;
    let unchangedChecked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        // Signing out would leave every later route answering 401 before its body is looked at.
        if (path === '/api/v1/auth/logout') continue;
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const url = path.replace(/\{[^}]+\}/g, () => '00000000-0000-4000-8000-00000000fa11');
        routes++;
        const base = (schema ? plausible(schema, rand) : {}) as Record<string, unknown>;
        const bodies: { what: string; payload: string }[] = [
          { what: 'malformed JSON', payload: '{"unitId": "' },
          { what: 'empty object', payload: '{}' },
          { what: 'array body', payload: '[]' },
          { what: '1 MB string', payload: JSON.stringify({ ...base, x: 'y'.repeat(1024 * 1024) }) },
        ];
        const keys = Object.keys(schema?.properties ?? {}).slice(0, 8);
        for (const key of keys) {
          for (const [what, value] of BAD_VALUES)
            bodies.push({
              what: `${key}: ${what}`,
              payload: JSON.stringify({ ...base, [key]: value(rand) }),
            });
          const { [key]: _missing, ...without } = base;
          bodies.push({ what: `${key} missing`, payload: JSON.stringify(without) });
        }
        const before = await fingerprint();
        let accepted = false;
        for (const { what, payload } of bodies) {
          const answer = await kefu.app.inject({
            method: method.toUpperCase() as 'POST',
            url,
            payload,
            headers: {
              'content-type': 'application/json',
              cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              'x-csrf-token': admin.csrfToken!,
            },
          });
          sent++;
          const where = `${method.toUpperCase()} ${path} (${what})`;
          if (answer.statusCode >= 500)
            problems.push(`${where}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
          else if (answer.statusCode >= 400) {
            const code = (answer.json() as { code?: string }).code;
            if (!code) problems.push(`${where}: ${answer.statusCode} without a code`);
          } else accepted = true;
        }
        if (!accepted) {
          unchangedChecked++;
          if ((await fingerprint()) !== before)
            problems.push(`${method.toUpperCase()} ${path}: refused requests changed data`);
        }
      }
    }
    console.info(
      `fuzz from the OpenAPI document: ${routes} write routes, ${sent} requests, ${unchangedChecked} routes checked unchanged after refusals, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
    // Still signed in at the end: the routes were fuzzed past the login check.
    expect((await admin.get('/api/v1/me')).statusCode).toBe(200);
    expect(routes).toBeGreaterThan(90);
    expect(sent).toBeGreaterThan(2000);
    expect(unchangedChecked).toBeGreaterThan(60);
  }, 600_000);
});
