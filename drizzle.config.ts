import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the *.table.ts files and committed; the app applies them at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/server/modules/*/*.table.ts',
    './src/server/jobs/*.table.ts',
    './src/server/app/*.table.ts',
  ],
  out: './src/server/migrations',
});
