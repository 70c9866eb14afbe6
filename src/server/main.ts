import { ConfigError } from './app/config';
import { boot } from './app/boot';
import { DataDirLockedError } from './app/db';

/** Starts Kefu: configuration, database, migrations, first administrator, HTTP server, signals. */
async function main() {
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
  const { app, deps, firstAdmin } = kefu;
  await app.listen({ port: deps.config.port, host: deps.config.host });
  const url = `http://localhost:${deps.config.port}`;
  app.log.info(
    { url, database: deps.database.kind, readyInMs: Math.round(performance.now() - startedAt) },
    'Kefu is ready',
  );
  if (firstAdmin?.generatedPassword) {
    // Printed once, on the console only: the log line above is for machines, this is for the person.
    console.log(
      [
        '',
        '  ┌──────────────────────────────────────────────────────────────┐',
        `  │ Kefu 客服 已启动 / is running: ${url.padEnd(30)}│`,
        `  │ 管理员账号 / administrator: admin                            │`,
        `  │ 初始密码 / initial password: ${firstAdmin.generatedPassword.padEnd(32)}│`,
        '  │ 此密码只显示这一次，请登录后立即修改。                       │',
        '  │ Shown only this once: log in and change it.                  │',
        '  └──────────────────────────────────────────────────────────────┘',
        '',
      ].join('\n'),
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
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
