import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notificationsI18n } from './notifications.i18n';

// The kinds the server writes, read from its table definition (the web does not import server code).
const table = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../server/modules/notifications/notifications.table.ts'),
  'utf8',
);
const kindsList = /NOTIFICATION_KINDS = \[([\s\S]*?)\] as const/.exec(table)![1]!;
const serverKinds = [...kindsList.matchAll(/^\s*'([a-z_]+)',/gm)].map((m) => m[1]!);

describe('notification kinds on the web', () => {
  it('every kind the server writes has its own label in Chinese and English (none falls back to 系统通知)', () => {
    expect(serverKinds.length).toBeGreaterThan(15);
    const kinds = (tree: unknown) => Object.keys((tree as { kind: object }).kind);
    expect(serverKinds.filter((k) => !kinds(notificationsI18n.zhCN).includes(k))).toEqual([]);
    expect(serverKinds.filter((k) => !kinds(notificationsI18n.en).includes(k))).toEqual([]);
  });
});
