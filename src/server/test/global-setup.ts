import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../app/db';
import { migrate } from '../app/migrate';
import { TEMPLATE_DB_NAME, TEMPLATE_DUMP, testDatabaseUrl, withDatabase } from './test-database-paths';

let prepared: Promise<void> | null = null;

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (a PGlite dump loaded in memory, or CREATE DATABASE … TEMPLATE on PostgreSQL). Both server
 * projects name this setup; it runs once for the two.
 */
export default function setup(): Promise<void> {
  prepared ??= prepare();
  return prepared;
}

async function prepare() {
  fs.mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
  const embedded = await openPglite({});
  await migrate(embedded);
  const dump = await embedded.dumpDataDir!();
  fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();

  const url = testDatabaseUrl();
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB_NAME} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB_NAME}`);
  await admin.end();
  const template = await openPostgres({ url: withDatabase(url, TEMPLATE_DB_NAME), poolSize: 1 });
  await migrate(template);
  await template.close();
}
