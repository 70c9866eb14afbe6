import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from './server';
import { createTestKefu, type TestKefu } from '../test/test-app';

let kefu: TestKefu;
let webDir: string;
let web: FastifyInstance;
beforeAll(async () => {
  kefu = await createTestKefu();
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Kefu</title>');
  fs.writeFileSync(path.join(webDir, 'assets', 'index-old.js'), 'console.log("old")');
  web = await createServer(kefu.deps, { webDir });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await kefu.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('serves files of a web build made after the server started', async () => {
    expect((await web.inject('/assets/index-old.js')).statusCode).toBe(200);
    fs.writeFileSync(path.join(webDir, 'assets', 'index-new.js'), 'console.log("new")');
    const fresh = await web.inject('/assets/index-new.js');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toBe('console.log("new")');
  });

  it('answers page paths with index.html, and unknown files and API paths with a JSON 404', async () => {
    const page = await web.inject('/tickets/some-ticket');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Kefu</title>');
    const missingFile = await web.inject('/assets/missing.js');
    expect(missingFile.statusCode).toBe(404);
    expect(missingFile.json().code).toBe('request.not_found');
    const missingApi = await web.inject('/api/v1/no-such-thing');
    expect(missingApi.statusCode).toBe(404);
    expect(missingApi.json().code).toBe('request.not_found');
  });
});
