/**
 * `npm run build`: the production build (docs/decisions/0022-production-build.md).
 *
 *   web       vite build → dist/web
 *   server    esbuild bundles src/server/main.ts → dist/server/main.js (+ source map), every
 *             package in node_modules left external; the migrations are copied beside it
 *   template  a migrated, empty embedded database → dist/server/pglite-template (+ .json manifest):
 *             a first start on an empty data directory copies it instead of running initdb and
 *             every migration
 *
 * Usage: `npx tsx scripts/build.ts [web] [server] [template]` (no argument: all three, in that
 * order). `npm start` (scripts/start.mjs) calls it with the parts that are missing or stale.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { installedPgliteVersion, openPglite, type PgliteTemplateManifest } from '../src/server/app/db';
import { migrate, migrationDigests } from '../src/server/app/migrate';

const root = path.resolve(import.meta.dirname, '..');
const serverOut = path.join(root, 'dist/server');
const parts = ['web', 'server', 'template'] as const;
type Part = (typeof parts)[number];

function buildWeb() {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
}

/** Bundles the server into `out` (dist/server; a test builds elsewhere, with node_modules reachable from it). */
export async function buildServer(out = serverOut) {
  // Built under another name and swapped in, so a running `npm start` never sees half a build.
  const staging = path.join(path.dirname(out), `.server-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(root, 'src/server/main.ts') },
    outdir: staging,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node Kefu runs on (package.json engines); Node 24 runs the same file.
    target: 'node20.19',
    packages: 'external',
    // A module the server loads with import() (the S3 client, …) becomes a file of its own, so the
    // packages only it imports load when it does, not at every start. Chunks sit beside main.js:
    // paths.ts finds the migrations relative to its own file, wherever esbuild puts it.
    splitting: true,
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    // Stack traces need the mappings only: without the sources' text the map is a third the size
    // and Node parses it faster at every start (process.setSourceMapsEnabled in scripts/start.mjs).
    sourcesContent: false,
    // Paths in the map relative to the map, so a stack trace names src/server/… files.
    sourceRoot: '',
    logLevel: 'warning',
    legalComments: 'none',
  });
  fs.cpSync(path.join(root, 'src/server/migrations'), path.join(staging, 'migrations'), { recursive: true });
  // The template (built separately) stays where it is.
  for (const keep of ['pglite-template', 'pglite-template.json']) {
    if (fs.existsSync(path.join(out, keep))) fs.renameSync(path.join(out, keep), path.join(staging, keep));
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(staging, out);
}

/** Makes the embedded database's template in `out`. */
export async function buildTemplate(out = serverOut) {
  const pgliteVersion = installedPgliteVersion();
  if (!pgliteVersion) throw new Error('cannot read the installed PGlite version');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-template-'));
  try {
    // No fsync while making it (the copy made at first start is synced when durable).
    const database = await openPglite({ dataDir: work, durability: 'unsafe_no_fsync' });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    const manifest: PgliteTemplateManifest = { pgliteVersion, migrations: migrationDigests() };
    fs.mkdirSync(out, { recursive: true });
    const target = path.join(out, 'pglite-template');
    fs.rmSync(target, { recursive: true, force: true });
    fs.rmSync(`${target}.json`, { force: true });
    fs.cpSync(path.join(work, 'pg'), target, { recursive: true });
    // Written last: a template without its manifest is never used.
    fs.writeFileSync(`${target}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function cli(asked: string[]) {
  for (const a of asked) if (!(parts as readonly string[]).includes(a)) throw new Error(`unknown part ${a}`);
  const todo: Part[] = asked.length === 0 ? [...parts] : parts.filter((p) => asked.includes(p));
  for (const part of todo) {
    const t0 = performance.now();
    console.log(`正在构建 ${part}… / building ${part}…`);
    if (part === 'web') buildWeb();
    else if (part === 'server') await buildServer();
    else await buildTemplate();
    console.log(`  ${part}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await cli(process.argv.slice(2));
