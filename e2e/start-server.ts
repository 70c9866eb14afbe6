// Starts the real server for the browser tests: a fresh embedded database with the demo
// organisation and a known administrator password, on port 3100 (or KEFU_E2E_PORT, so two
// working copies on one machine can run their browser tests side by side).
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.KEFU_E2E_PORT ?? 3100);
export const E2E_ADMIN_PASSWORD = 'Admin#2026e2e';

const dataDir = join(tmpdir(), `kefu-e2e-${E2E_PORT}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

Object.assign(process.env, {
  PORT: String(E2E_PORT),
  HOST: '127.0.0.1',
  KEFU_DATA_DIR: dataDir,
  KEFU_DEMO: '1',
  // The specs start from the demo company's empty queues: no past tickets, orders or surveys.
  KEFU_DEMO_HISTORY: '0',
  KEFU_LOG_LEVEL: 'warn',
  // list-export.spec streams 1,000 customers directly; above this an export needs an approval (CUS-3).
  KEFU_CUSTOMER_EXPORT_APPROVAL_ROWS: '1000',
  KEFU_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
});

// main.ts reads the environment, migrates, seeds the demo data and listens. Imported by URL so
// the type checker does not need the server's entry point to compile this file.
await import(new URL('../src/server/main.ts', import.meta.url).href);
