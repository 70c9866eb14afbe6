import type { Logger } from 'pino';
import type { Grant } from '../../domain/permissions';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database, Db } from './db';
import type { FileStorage } from './storage/storage';

/** What every use case is given: the database, the clock, the configuration, file storage. No DI container. */
export interface Deps {
  database: Database;
  db: Db;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Uploaded files: the data directory, or S3-compatible storage when configured. */
  storage: FileStorage;
}

/** The person acting, with their grants (role permissions per unit) loaded for this request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  grants: Grant[];
  ip: string | null;
}
