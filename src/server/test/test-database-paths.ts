import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TEMPLATE_DUMP = path.join(root, '.kefu-test/template-pglite.tar');
export const TEMPLATE_DB_NAME = 'kefu_test_template';

/** The PostgreSQL server for this test run, when tests run on PostgreSQL. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** True in the vitest project that runs the server tests on PostgreSQL. */
export function testingOnPostgres(): boolean {
  return process.env.KEFU_TEST_DB === 'postgres';
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
