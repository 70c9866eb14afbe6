/**
 * `npm run demo`: loads the demo company, then (unless KEFU_DEMO_HISTORY=0) its past three months,
 * into the configured database. Safe to run twice.
 */
import pino from 'pino';
import { ConfigError, loadConfig } from '../src/server/app/config';
import { openDatabase } from '../src/server/app/db';
import { prepareDatabase } from '../src/server/app/boot';
import { createServer } from '../src/server/app/server';
import { DEMO_PASSWORD, loadDemoCompany } from '../src/server/demo/demo-company';
import { loadDemoHistory } from '../src/server/demo/demo-history';
import { loadDemoKnowledge } from '../src/server/demo/demo-knowledge';

try {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const { deps, firstAdmin } = await prepareDatabase(database, { ...config, demo: false }, logger);
  const result = await loadDemoCompany(deps);
  console.log(
    `演示数据已就绪 / demo company ready: ${result.unitsCreated} units and ${result.usersCreated} people added.`,
  );
  // The modules are registered (not listening) so business events reach care and surveys, and the
  // approval engine publishes the demo's approved answers.
  const app = await createServer(deps, { webDir: null });
  await app.ready();
  const answers = await loadDemoKnowledge(deps);
  console.log(`答客问 / approved answers added: ${answers}.`);
  if (config.demoHistory) {
    const history = await loadDemoHistory(deps, { now: deps.clock.now() });
    console.log(
      history.loaded
        ? `演示历史已生成 / demo history loaded in ${(history.ms / 1000).toFixed(1)} s: ${history.customers} customers, ${history.tickets} tickets, ${history.workOrders} work orders, ${history.contacts} contacts, ${history.surveyAnswers} survey answers, ${history.careAttempts} follow-up calls.`
        : '演示历史已存在，未重复生成 / demo history already loaded: nothing added.',
    );
  }
  await app.close();
  await deps.storage.close();
  await database.close();
  console.log(`演示账号密码 / demo password for every demo person: ${DEMO_PASSWORD}`);
  if (firstAdmin?.generatedPassword)
    console.log(`管理员 admin 初始密码 / admin password: ${firstAdmin.generatedPassword}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
