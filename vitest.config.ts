import { defineConfig } from 'vitest/config';

const serverProject = (name: string, env: Record<string, string>) => ({
  test: {
    name,
    include: ['src/server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node' as const,
    env,
    globalSetup: ['src/server/test/global-setup.ts'],
    testTimeout: 60_000,
    isolate: false,
    hookTimeout: 120_000,
  },
});

// Server tests run on the embedded database always, and again on PostgreSQL when a server is given.
const onPostgres = process.env.TEST_DATABASE_URL
  ? [serverProject('server-pg', { KEFU_TEST_DB: 'postgres' })]
  : [];

export default defineConfig({
  test: {
    // Two cores on the machines Kefu is tested on; each server test file holds its own database.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'domain',
          include: ['src/domain/**/*.test.ts', 'src/shared/**/*.test.ts'],
          environment: 'node',
        },
      },
      serverProject('server', { KEFU_TEST_DB: 'pglite' }),
      ...onPostgres,
      {
        test: {
          name: 'web',
          include: ['src/web/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
});
