/**
 * Runs every bench/*.bench.ts (each exports `run(): string[] | Promise<string[]>`) and prints
 * its lines. Usage: `npx tsx bench/run.ts [name-filter]`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run?: () => string[] | Promise<string[]>;
}

const dir = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
  if (typeof mod.run !== 'function') {
    console.error(`${file}: no exported run() — skipped`);
    failed = true;
    continue;
  }
  console.log(`# ${file}`);
  for (const line of await mod.run()) console.log(line);
}
if (files.length === 0) console.error(`no bench/*.bench.ts files match "${filter}"`);
process.exitCode = failed || files.length === 0 ? 1 : 0;
