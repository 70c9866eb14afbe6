/** `npm run demo`: loads the demo company into the configured database (safe to run twice). */
import pino from 'pino';
import { ConfigError, loadConfig } from '../src/server/app/config';
import { openDatabase } from '../src/server/app/db';
import { prepareDatabase } from '../src/server/app/boot';
import { DEMO_PASSWORD, loadDemoCompany } from '../src/server/demo/demo-company';

try {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const { deps, firstAdmin } = await prepareDatabase(database, { ...config, demo: false }, logger);
  const result = await loadDemoCompany(deps);
  await database.close();
  console.log(
    `演示数据已就绪 / demo company ready: ${result.unitsCreated} units and ${result.usersCreated} people added.`,
  );
  console.log(`演示账号密码 / demo password for every demo person: ${DEMO_PASSWORD}`);
  if (firstAdmin?.generatedPassword)
    console.log(`管理员 admin 初始密码 / admin password: ${firstAdmin.generatedPassword}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
