/**
 * Start-up time to /readyz, where it went, and idle memory of the real server process (issue 23
 * targets: first start on an empty data directory < 5 s, later starts < 2 s; idle RSS < 150 MB on
 * PostgreSQL, < 300 MB embedded). Two ways of running are measured side by side, alternating:
 *
 *   tsx    the sources compiled at run time, no template (`npm run start:dev`, what `npm start` did
 *          before decision 0022)
 *   build  scripts/start.mjs: dist/server/main.js with the build's database template (`npm start`
 *          once `npm run build` has run)
 *
 * Each start's split comes from its "Kefu is ready" log line (load modules, open database — on a
 * first start initdb or the template's copy —, migrations, seed, server). PostgreSQL is measured
 * when BENCH_DATABASE_URL is set (a database of its own: it is migrated). Usage:
 * `npx tsx bench/run.ts startup` (BENCH_STARTUP_ROUNDS, default 1).
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

/** CPU time (user + system) the process has used, in ms: less bent by a busy machine than wall time. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

type Mode = 'tsx' | 'build';
interface Start {
  readyMs: number;
  cpuMs: number;
  idleRssMb: number;
  split: Record<string, number>;
}

async function measure(mode: Mode, env: Record<string, string>, port: number): Promise<Start> {
  const t0 = performance.now();
  // Node runs the server itself with the flags `npm start` uses, so the pid measured is the server.
  const args =
    mode === 'tsx'
      ? ['--max-semi-space-size=4', '--import', 'tsx', 'src/server/main.ts']
      : ['--max-semi-space-size=4', 'scripts/start.mjs'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEFU_LOG_LEVEL: 'info',
      KEFU_ADMIN_PASSWORD: 'Bench#2026x',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  try {
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error(`server not ready in 120 s: ${out}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const readyMs = performance.now() - t0;
    const cpu = cpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, 3000));
    const line = out.split('\n').find((l) => l.includes('"Kefu is ready"'));
    const split = line ? (JSON.parse(line) as { startup: Record<string, number> }).startup : {};
    return { readyMs, cpuMs: cpu, idleRssMb: rssMb(child.pid!), split };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const fmt = (label: string, s: Start) =>
  `${label.padEnd(28)} ready ${s.readyMs.toFixed(0).padStart(6)} ms (CPU ${s.cpuMs.toFixed(0)} ms), idle RSS ${s.idleRssMb.toFixed(0)} MB  [${Object.entries(
    s.split,
  )
    .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v}`)
    .join(', ')}]`;

export async function run(): Promise<string[]> {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html')))
    return ['startup: skipped (run `npm run build` first)'];
  if (!fs.existsSync(path.join(root, 'dist/server/pglite-template.json')))
    return ['startup: skipped (run `npm run build` first: no dist/server)'];
  const rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 1);
  const lines: string[] = [
    `startup (load average at start ${os.loadavg()[0]!.toFixed(1)}, ${os.cpus().length} CPUs)`,
  ];
  let port = 3911;
  for (let round = 0; round < rounds; round++) {
    // Alternating: tsx then build in even rounds, build then tsx in odd ones.
    const order: Mode[] = round % 2 === 0 ? ['tsx', 'build'] : ['build', 'tsx'];
    for (const mode of order) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-start-'));
      try {
        lines.push(fmt(`embedded.first.${mode}`, await measure(mode, { KEFU_DATA_DIR: dir }, port++)));
        lines.push(fmt(`embedded.later.${mode}`, await measure(mode, { KEFU_DATA_DIR: dir }, port++)));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const url = process.env.BENCH_DATABASE_URL;
      if (url)
        lines.push(
          fmt(
            `postgres.${mode}`,
            await measure(mode, { DATABASE_URL: url, KEFU_DATA_DIR: os.tmpdir() }, port++),
          ),
        );
    }
  }
  if (!process.env.BENCH_DATABASE_URL) lines.push('postgres skipped (set BENCH_DATABASE_URL)');
  lines.push('targets: first < 5000 ms, later < 2000 ms; idle RSS < 300 MB embedded, < 150 MB PostgreSQL');
  return lines;
}
