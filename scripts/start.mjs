/**
 * `npm start` (docs/decisions/0022-production-build.md): runs the server's production build,
 * dist/server/main.js — plain JavaScript, nothing compiled at run time. Plain JavaScript itself, so
 * no TypeScript loader is needed to start.
 *
 * What of the build is missing or older than its sources is built first (scripts/build.ts, the
 * same as `npm run build`): the web app, the server bundle, the embedded database's template. A
 * fresh clone therefore needs only `npm ci && npm start`; an image made with `npm run build` and
 * without the sources starts at once.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const at = (p) => path.join(root, p);

/** Newest modification time under `p` (a file or a directory), tests left out; 0 when absent. */
function newest(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, name)));
  return max;
}

/** Modification time of a build output; -1 when it is missing. */
function built(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return -1;
  }
}

const shared = ['src/shared', 'src/domain'];
const parts = {
  web: { output: 'dist/web/index.html', sources: ['src/web', 'vite.config.ts', ...shared] },
  server: {
    output: 'dist/server/main.js',
    sources: ['src/server', ...shared, 'scripts/build.ts', 'package-lock.json'],
  },
  template: {
    output: 'dist/server/pglite-template.json',
    sources: ['src/server/migrations', 'package-lock.json'],
  },
};
const stale = Object.entries(parts)
  .filter(([, { output, sources }]) => built(at(output)) < Math.max(...sources.map((s) => newest(at(s)))))
  .map(([name]) => name);
if (stale.length > 0) {
  execFileSync(process.execPath, ['--import', 'tsx', at('scripts/build.ts'), ...stale], {
    cwd: root,
    stdio: 'inherit',
  });
}

// Stack traces name the TypeScript sources (dist/server/main.js.map).
process.setSourceMapsEnabled(true);
// Node 22.1+ keeps the compiled code of the modules on disk (in the OS temporary directory) for the
// next start: ~0.3 s less CPU to load them (bench/startup.bench.ts). Node 20 has no such cache.
module.enableCompileCache?.();
await import(pathToFileURL(at('dist/server/main.js')).href);
