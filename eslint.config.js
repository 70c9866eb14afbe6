import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'test-results', 'playwright-report', '.kefu-test'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain core is pure: no I/O, no server, no web, no database, no clock reads.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/domain is pure: no Node built-ins.' },
            {
              group: ['**/server/**', '**/web/**', '**/shared/**'],
              message: 'src/domain must not import server, web or shared code (shared builds on the domain).',
            },
            {
              group: ['drizzle-orm*', 'pg', '@electric-sql/*', 'fastify*'],
              message: 'src/domain is pure: no database or HTTP.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass time in; never read the clock in src/domain.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass time in; never read the clock in src/domain.',
        },
      ],
    },
  },
  {
    // Module boundaries (docs/decisions/0012-module-boundaries.md): another module is reached only
    // through its one public file (<cap>.service.ts) and its errors; its tables may be joined in
    // queries and referenced by foreign keys. Tests may set up and inspect any module.
    files: ['src/server/modules/**/*.ts'],
    ignores: ['src/server/modules/**/*.test.ts', 'src/server/modules/**/*.test-*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\./[^./][^/]*/(?!.*\.(service|errors|table)$)`,
              message:
                'Import another module only through its <cap>.service.ts, <cap>.errors.ts or <cap>.table.ts (docs/decisions/0012-module-boundaries.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // The demo company and the benchmarks are outside callers too: the same one door per module.
    files: ['src/server/demo/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`/server/modules/[^/]+/(?!.*\.(service|errors|table)$)|^\.\./modules/[^/]+/(?!.*\.(service|errors|table)$)`,
              message:
                'Import a module only through its <cap>.service.ts, <cap>.errors.ts or <cap>.table.ts (docs/decisions/0012-module-boundaries.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // src/shared is the API contract both halves import: Zod schemas, enums and labels only.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/shared runs in the browser too: no Node built-ins.' },
            {
              group: ['**/server/**', '**/web/**'],
              message: 'src/shared must not import server or web code (the domain is fine).',
            },
            {
              group: ['drizzle-orm*', 'pg', '@electric-sql/*', 'fastify*', 'react*', 'antd*'],
              message: 'src/shared holds contracts only: no database, HTTP or UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**'],
              message: 'The web reaches the server over HTTP only; shared shapes live in src/shared.',
            },
          ],
        },
      ],
    },
  },
);
