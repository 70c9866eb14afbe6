import { ConfigError } from './app/config';
import { boot } from './app/boot';
import { serveBackupRequest } from './app/backup';
import { DataDirLockedError } from './app/db';

/** Terminal columns a string takes: CJK characters and full-width punctuation take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/** A framed notice for the console, so the one-time password stands out. */
function box(lines: string[]): string {
  const inner = Math.max(...lines.map(displayWidth)) + 2;
  const row = (text: string) => `  │ ${text}${' '.repeat(inner - 1 - displayWidth(text))}│`;
  return ['', `  ┌${'─'.repeat(inner)}┐`, ...lines.map(row), `  └${'─'.repeat(inner)}┘`, ''].join('\n');
}

/** Starts Kefu: configuration, database, migrations, first administrator, HTTP server, signals. */
async function main() {
  // performance.now() counts from the process's start: what passed before main() is loading and
  // compiling the modules (with tsx, compiling TypeScript too).
  const startedAt = performance.now();
  let kefu;
  try {
    kefu = await boot();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { app, deps, firstAdmin, timings } = kefu;
  try {
    await app.listen({ port: deps.config.port, host: deps.config.host });
  } catch (err) {
    await kefu.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `端口 ${deps.config.port} 已被占用，请关闭占用它的程序或用 PORT 换一个端口。\n` +
          `Port ${deps.config.port} is already in use: stop what holds it or choose another with PORT.`,
      );
      process.exit(1);
    }
    throw err;
  }
  const url = `http://localhost:${deps.config.port}`;
  app.log.info(
    {
      url,
      database: deps.database.kind,
      readyInMs: Math.round(performance.now() - startedAt),
      // Where the start went, from the process's start (bench/startup.bench.ts reads these).
      startup: {
        loadModulesMs: Math.round(startedAt),
        ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
        otherMs: Math.round(
          performance.now() - startedAt - Object.values(timings).reduce((a, b) => a + b, 0),
        ),
        totalMs: Math.round(performance.now()),
      },
    },
    'Kefu is ready',
  );
  kefu.startScheduler();
  if (firstAdmin?.generatedPassword) {
    // Printed once, on the console only: the log line above is for machines, this is for the person.
    console.log(
      box([
        `Kefu 客服 已启动 / is running: ${url}`,
        '管理员账号 / administrator: admin',
        `初始密码 / initial password: ${firstAdmin.generatedPassword}`,
        '此密码只显示这一次，请登录后立即修改。',
        'Shown only this once: log in and change it.',
      ]),
    );
  } else {
    console.log(`\n  Kefu 客服 已启动 / is running: ${url}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error('再次收到停止信号，立即退出 / second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    await kefu.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // `npm run backup` asks a running embedded server for a consistent image (only this process may open it).
  if (deps.database.kind === 'pglite')
    process.on('SIGUSR2', () => {
      serveBackupRequest(deps.database, deps.config.dataDir).catch((err: unknown) =>
        app.log.error({ err }, 'backup request failed'),
      );
    });
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
