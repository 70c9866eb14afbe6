import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where one test run keeps its migrated templates; unique per run so parallel runs never collide. */
export interface TestTemplates {
  pgliteDump: string;
  postgresTemplate: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    kefuTestTemplates: TestTemplates;
  }
}

export function templatesForRun(runId: string, withPostgres: boolean): TestTemplates {
  return {
    pgliteDump: path.join(root, `.kefu-test/template-${runId}.tar`),
    postgresTemplate: withPostgres ? `kefu_test_template_${runId}` : null,
  };
}

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
