import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../app/db';
import { migrate } from '../app/migrate';
import {
  dropTestDatabase,
  templatesForRun,
  testDatabaseUrl,
  withDatabase,
  type TestTemplates,
} from './test-database-paths';

let prepared: Promise<TestTemplates> | null = null;
let users = 0;

/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (a PGlite dump loaded in memory, or CREATE DATABASE … TEMPLATE on PostgreSQL). Both server
 * projects name this setup; it runs once for the two and is removed when the last one ends.
 */
export default async function setup(project: TestProject) {
  users++;
  prepared ??= prepare();
  project.provide('kefuTestTemplates', await prepared);
  return async () => {
    if (--users > 0) return;
    const templates = await prepared!;
    fs.rmSync(templates.pgliteDump, { force: true });
    const url = testDatabaseUrl();
    if (url && templates.postgresTemplate) await dropTestDatabase(url, templates.postgresTemplate);
  };
}

async function prepare(): Promise<TestTemplates> {
  const url = testDatabaseUrl();
  const templates = templatesForRun(`${process.pid}_${Date.now().toString(36)}`, !!url);
  fs.mkdirSync(path.dirname(templates.pgliteDump), { recursive: true });
  const embedded = await openPglite({});
  await migrate(embedded);
  const dump = await embedded.dumpDataDir!();
  fs.writeFileSync(templates.pgliteDump, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();

  if (url && templates.postgresTemplate) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${templates.postgresTemplate}`);
    await admin.end();
    const template = await openPostgres({ url: withDatabase(url, templates.postgresTemplate), poolSize: 1 });
    await migrate(template);
    await template.close();
  }
  return templates;
}
