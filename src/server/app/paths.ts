import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the server finds its files on disk. Run from the sources (tsx, tests) this module is
 * src/server/app/paths.ts; in the production build (`npm run build`, docs/decisions/0022) every
 * server module is bundled into dist/server/main.js, with the migrations copied to
 * dist/server/migrations beside it. The layout is told apart by that copy.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const bundled = fs.existsSync(path.join(here, 'migrations', 'meta', '_journal.json'));

/** True when running the production build (dist/server/main.js), false when running the sources. */
export const RUNNING_BUILD = bundled;
/** The project's root (the directory holding package.json and dist/). */
export const ROOT_DIR = bundled ? path.resolve(here, '../..') : path.resolve(here, '../../..');
/** The SQL migrations and drizzle-kit's journal. */
export const MIGRATIONS_DIR = bundled ? path.join(here, 'migrations') : path.resolve(here, '../migrations');
/** The built web app (vite build). */
export const WEB_DIST_DIR = path.join(ROOT_DIR, 'dist/web');
/**
 * A migrated, empty embedded database made by the build: a first start of the build on an empty
 * data directory copies it rather than running initdb and every migration (see db.ts, openPglite).
 * The sources (tests, `npm run start:dev`) do not use it: it belongs to the build it was made with.
 */
export const PGLITE_TEMPLATE_DIR = path.join(ROOT_DIR, 'dist/server/pglite-template');
