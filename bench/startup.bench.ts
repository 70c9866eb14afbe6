/**
 * Start-up time to /readyz and idle memory of the real server process (issue 2 targets:
 * ready < 5 s on the embedded database once the web build exists; idle RSS < 400 MB embedded,
 * < 200 MB on PostgreSQL). PostgreSQL is measured when BENCH_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function measure(
  env: Record<string, string>,
  port: number,
): Promise<{ readyMs: number; idleRssMb: number }> {
  const t0 = performance.now();
  // Node runs the server directly (tsx as a loader) with the flags `npm start` uses, so the pid
  // measured is the server itself.
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=4', '--import', 'tsx', 'src/server/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        KEFU_LOG_LEVEL: 'warn',
        KEFU_ADMIN_PASSWORD: 'Bench#2026x',
        ...env,
      },
      stdio: 'ignore',
    },
  );
  try {
    for (;;) {
      if (performance.now() - t0 > 60_000) throw new Error('server not ready in 60 s');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    return { readyMs, idleRssMb: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function run(): Promise<string[]> {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html')))
    return ['startup: skipped (run `npx vite build` first)'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-start-'));
  const lines: string[] = [];
  try {
    const fresh = await measure({ KEFU_DATA_DIR: dir }, 3911);
    lines.push(
      `startup.embedded.first   ready ${fresh.readyMs.toFixed(0)} ms (creates the database), idle RSS ${fresh.idleRssMb.toFixed(0)} MB`,
    );
    const again = await measure({ KEFU_DATA_DIR: dir }, 3912);
    lines.push(
      `startup.embedded         ready ${again.readyMs.toFixed(0)} ms (target < 5000), idle RSS ${again.idleRssMb.toFixed(0)} MB (target < 400)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) lines.push('startup.postgres         skipped (set BENCH_DATABASE_URL)');
  else {
    const pgRun = await measure({ DATABASE_URL: url, KEFU_DATA_DIR: os.tmpdir() }, 3913);
    lines.push(
      `startup.postgres         ready ${pgRun.readyMs.toFixed(0)} ms, idle RSS ${pgRun.idleRssMb.toFixed(0)} MB (target < 200)`,
    );
  }
  return lines;
}
