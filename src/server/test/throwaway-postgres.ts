/**
 * A PostgreSQL server of a test's own, in a temporary directory on 127.0.0.1, that the test may
 * stop and start (the database-outage and backup tests). Built from the newest
 * /usr/lib/postgresql/<major>/bin, as .ci/run does; run as the unprivileged OS user `kefuci` when
 * the tests run as root (PostgreSQL refuses to run as root). Test helper only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OS_USER = 'kefuci';

/** The newest PostgreSQL binaries directory with a server in it, or null. */
export function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const majors = fs
    .readdirSync(base)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = path.join(base, major, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((f) => fs.existsSync(path.join(bin, f)))) return bin;
  }
  return null;
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  bin: string;
  port: number;
  /** Stops the server (`fast` disconnects clients and shuts down cleanly; `immediate` is a crash). */
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Runs a SQL script with psql against `database` and returns its output. */
  psql(database: string, script: string): string;
  /** Stops the server and removes its directory. */
  destroy(): void;
}

/** True when a PostgreSQL server can be built here (binaries present; a non-root user when run as root). */
export function throwawayPostgresAvailable(): { ok: true } | { ok: false; reason: string } {
  if (!findPostgresBin())
    return { ok: false, reason: 'no PostgreSQL binaries under /usr/lib/postgresql/*/bin' };
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', OS_USER]).status !== 0)
    return { ok: false, reason: `running as root without the OS user ${OS_USER} to run PostgreSQL as` };
  return { ok: true };
}

/** initdb + start on a free port; trust authentication, 127.0.0.1 and a socket in its own directory only. */
export function startThrowawayPostgres(): ThrowawayPostgres {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-pg-'));
  if (asRoot) execFileSync('chown', [`${OS_USER}:`, dir]);
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const run = (cmd: string, args: string[], input?: string) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', OS_USER, '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { cwd: dir, input, encoding: 'utf8', timeout: 90_000 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  let port = 0;
  const start = () => {
    run(path.join(bin, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`,
    ]);
  };
  for (let attempt = 0; ; attempt++) {
    port = 56000 + Math.floor(Math.random() * 3000);
    try {
      start();
      break;
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    run(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
  };
  return {
    bin,
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    psql: (database, script) =>
      run(
        path.join(bin, 'psql'),
        [
          '-X',
          '-q',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          dir,
          '-p',
          String(port),
          '-U',
          'postgres',
          '-d',
          database,
        ],
        script,
      ),
    destroy: () => {
      try {
        if (fs.existsSync(path.join(data, 'postmaster.pid'))) stop('immediate');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
