/**
 * Start-up time and idle memory of `npm start` (scripts/start.mjs: the production build, with the
 * build's database template), on the embedded database and on PostgreSQL. Issue 23's targets:
 * first start on an empty data directory < 5 s, later starts < 2 s; idle RSS of the server process
 * after the demo load < 300 MB embedded, < 150 MB on PostgreSQL.
 *
 * Per database, once: the demo company and its three months of history are loaded by a start with
 * KEFU_DEMO=1 (loaded before the server listens; its figures are printed, not a target). Then per
 * round: a first start on an empty data directory (PostgreSQL: a new empty database), a later
 * start on it, and a later start on the demo-loaded database ("afterDemo", whose RSS after
 * BENCH_STARTUP_IDLE_S seconds of idling is the idle RSS after the demo load). Each start is timed
 * from the spawn to the first 200 of /readyz; CPU (user + system of the server process, less bent
 * by a busy machine than wall time) and the split from its "Kefu is ready" log line are kept too.
 * Rounds alternate the order; medians are printed and written to bench/results/startup.json.
 *
 * Usage: `npx tsx bench/run.ts startup` (`npm run build` first). BENCH_DATABASE_URL (a database on
 * a server where the user may create databases) adds PostgreSQL; BENCH_STARTUP_ROUNDS (3);
 * BENCH_STARTUP_ROOTS=/other/checkout,. measures several checkouts' builds alternately (before
 * and after figures in one run; the first loads the demo); BENCH_STARTUP_DEMO=0 skips the demo.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat(5), 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Start {
  readyMs: number;
  cpuMs: number;
  idleRssMb: number;
  split: Record<string, number>;
}

async function measure(
  root: string,
  env: Record<string, string>,
  port: number,
  limitS = 120,
): Promise<Start> {
  const t0 = performance.now();
  // Node runs start.mjs with the flags `npm start` uses; it imports the server, so the pid is the server's.
  const script = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const args = script.scripts.start.split(/\s+/).slice(1);
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
      if (performance.now() - t0 > limitS * 1000) throw new Error(`server not ready in ${limitS} s: ${out}`);
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const readyMs = performance.now() - t0;
    const cpu = cpuMs(child.pid!);
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_STARTUP_IDLE_S ?? 8) * 1000));
    const line = out.split('\n').find((l) => l.includes('"Kefu is ready"'));
    const split = line ? (JSON.parse(line) as { startup: Record<string, number> }).startup : {};
    return { readyMs, cpuMs: cpu, idleRssMb: rssMb(child.pid!), split };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

const steps = ['first', 'later', 'afterDemo'] as const;
type Step = (typeof steps)[number];
type Kind = 'embedded' | 'postgres';

/** A place for one database: an empty data directory and, on PostgreSQL, a new empty database. */
async function makeDatabase(kind: Kind, name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-start-'));
  let env: Record<string, string> = { KEFU_DATA_DIR: dir };
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const dbName = `kefu_bench_start_${process.pid}_${name}`;
  const admin = kind === 'postgres' ? new pg.Client({ connectionString: adminUrl }) : null;
  if (admin) {
    await admin.connect();
    await admin.query(`drop database if exists ${dbName}`);
    await admin.query(`create database ${dbName}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    env = { ...env, DATABASE_URL: url.toString() };
  }
  return {
    env,
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
      if (admin) {
        await admin.query(`drop database if exists ${dbName}`).catch(() => {});
        await admin.end();
      }
    },
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianStart(starts: Start[]): Start {
  const keys = [...new Set(starts.flatMap((s) => Object.keys(s.split)))];
  return {
    readyMs: median(starts.map((s) => s.readyMs)),
    cpuMs: median(starts.map((s) => s.cpuMs)),
    idleRssMb: median(starts.map((s) => s.idleRssMb)),
    split: Object.fromEntries(keys.map((k) => [k, median(starts.map((s) => s.split[k] ?? 0))])),
  };
}

const fmt = (label: string, s: Start) =>
  `${label.padEnd(20)} ready ${s.readyMs.toFixed(0).padStart(6)} ms (CPU ${s.cpuMs.toFixed(0).padStart(5)} ms), idle RSS ${s.idleRssMb.toFixed(0).padStart(4)} MB  [${Object.entries(
    s.split,
  )
    .map(([k, v]) => `${k.replace(/Ms$/, '')} ${Math.round(v)}`)
    .join(', ')}]`;

export async function run(): Promise<string[]> {
  const roots = (process.env.BENCH_STARTUP_ROOTS ?? path.join(here, '..'))
    .split(',')
    .map((r) => path.resolve(r));
  for (const r of roots)
    if (!fs.existsSync(path.join(r, 'dist/server/pglite-template.json')))
      return [`startup: skipped (run \`npm run build\` in ${r} first)`];
  const rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 3);
  const demo = process.env.BENCH_STARTUP_DEMO !== '0';
  const kinds: Kind[] = process.env.BENCH_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
  const loadBefore = os.loadavg();
  const port = Number(process.env.BENCH_STARTUP_PORT ?? 3911);
  const all: Record<string, Record<Step, Start[]>> = {};
  const lines: string[] = [
    `startup (load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} CPUs, Node ${process.version}, ${rounds} rounds, medians)`,
  ];
  // One demo load per database, by the first checkout; every checkout's later starts on it are measured.
  const demoDbs = new Map<Kind, Awaited<ReturnType<typeof makeDatabase>>>();
  try {
    if (demo)
      for (const kind of kinds) {
        const db = await makeDatabase(kind, 'demo');
        demoDbs.set(kind, db);
        const loaded = await measure(
          roots[0]!,
          { ...db.env, KEFU_DEMO: '1', KEFU_DEMO_HISTORY: '1' },
          port,
          1800,
        );
        lines.push(fmt(`${kind}.demoLoad`, loaded));
        console.log(`  ${lines.at(-1)}`);
      }
    for (let r = 0; r < rounds; r++) {
      // Alternating the order, so no checkout or database always meets the busier moment.
      for (const root of r % 2 === 0 ? roots : [...roots].reverse())
        for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
          const key = `${roots.length > 1 ? `${path.basename(root)}.` : ''}${kind}`;
          all[key] ??= { first: [], later: [], afterDemo: [] };
          const db = await makeDatabase(kind, String(r));
          try {
            all[key].first.push(await measure(root, db.env, port));
            all[key].later.push(await measure(root, db.env, port));
          } finally {
            await db.drop();
          }
          const loaded = demoDbs.get(kind);
          if (loaded) all[key].afterDemo.push(await measure(root, loaded.env, port));
          console.log(
            `  round ${r + 1} ${key}: ${steps
              .map((k) => all[key]![k].at(-1))
              .filter((s): s is Start => s !== undefined)
              .map(
                (s) => `${s.readyMs.toFixed(0)} ms/${s.cpuMs.toFixed(0)} ms CPU/${s.idleRssMb.toFixed(0)} MB`,
              )
              .join(', ')}`,
          );
        }
    }
  } finally {
    for (const db of demoDbs.values()) await db.drop();
  }
  const summary: Record<string, Partial<Record<Step, Start>>> = {};
  for (const [key, byStep] of Object.entries(all)) {
    summary[key] = {};
    for (const step of steps) {
      if (byStep[step].length === 0) continue;
      summary[key][step] = medianStart(byStep[step]);
      lines.push(fmt(`${key}.${step}`, summary[key][step]));
    }
  }
  if (!process.env.BENCH_DATABASE_URL) lines.push('postgres skipped (set BENCH_DATABASE_URL)');
  const loadAfter = os.loadavg();
  lines.push(`load average at the end ${loadAfter.map((l) => l.toFixed(1)).join(' ')}`);
  lines.push(
    'targets: first < 5000 ms, later < 2000 ms; idle RSS after the demo load (afterDemo) < 300 MB embedded, < 150 MB PostgreSQL',
  );
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(here, 'results', 'startup.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        roots,
        node: process.version,
        rounds,
        loadAverage: { before: loadBefore, after: loadAfter },
        summary,
        runs: all,
      },
      null,
      2,
    )}\n`,
  );
  return lines;
}
