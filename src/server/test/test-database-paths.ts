import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

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

/**
 * Drops a throwaway test database. DROP … WITH (FORCE) cannot terminate an autovacuum worker
 * when the test role is not privileged ("must be a member of the role whose process is being
 * terminated"), while a plain DROP signals autovacuum itself — so both are tried, a few times.
 * A database that still cannot be dropped is left to the throwaway server with a warning
 * instead of failing the tests that used it.
 */
export async function dropTestDatabase(url: string, name: string): Promise<void> {
  const dropper = new pg.Client({ connectionString: url });
  await dropper.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const force = attempt % 2 === 1 ? ' with (force)' : '';
        await dropper.query(`drop database if exists ${name}${force}`);
        return;
      } catch (error) {
        if (attempt >= 20) {
          console.warn(`test database ${name} left behind: ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await dropper.end();
  }
}
