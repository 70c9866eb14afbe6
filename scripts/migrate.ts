/** `npm run migrate`: applies the committed migrations to the configured database and exits. */
import pino from 'pino';
import { ConfigError, loadConfig } from '../src/server/app/config';
import { openDatabase } from '../src/server/app/db';
import { migrate } from '../src/server/app/migrate';

try {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const { applied } = await migrate(database);
  logger.info(
    { applied, database: database.kind },
    applied.length ? 'migrations applied' : 'database already up to date',
  );
  await database.close();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
