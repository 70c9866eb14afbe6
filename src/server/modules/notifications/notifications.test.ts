import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { createNotifications } from './notifications.service';

let kefu: TestKefu;
const people: Record<string, { id: string }> = {};

beforeAll(async () => {
  kefu = await createTestKefu();
  const admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  people.anna = await createUser(admin, 'anna', org.storeA.id, 'agent');
  people.ben = await createUser(admin, 'ben', org.storeA.id, 'agent');
  kefu.clock.set(new Date('2026-03-10T10:00:00+08:00'));
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 2, minute));
  await createNotifications(kefu.deps.db, [
    ...[1, 2, 3].map((m) => ({
      recipientId: people.anna!.id,
      kind: 'approval_turn' as const,
      subjectType: 'approval_request',
      subjectId: crypto.randomUUID(),
      payload: { title: `SO-${m} · 餐椅` },
      createdAt: at(m),
    })),
    {
      recipientId: people.ben!.id,
      kind: 'escalated' as const,
      subjectType: 'ticket',
      subjectId: crypto.randomUUID(),
      payload: {},
      createdAt: at(4),
    },
  ]);
});
afterAll(async () => {
  await kefu?.close();
});

describe('my notifications (通知)', () => {
  it('the list is one’s own, newest first and paged; one is marked read, then all at once; another’s is 404', async () => {
    const anna = await kefu.login('anna', TEST_PASSWORD);
    const first = (await anna.get('/api/v1/notifications?pageSize=2')).json();
    expect(first).toMatchObject({ total: 3, unread: 3 });
    expect(first.items.map((n: { payload: { title: string } }) => n.payload.title)).toEqual([
      'SO-3 · 餐椅',
      'SO-2 · 餐椅',
    ]);
    const read = await anna.post(`/api/v1/notifications/${first.items[0].id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const unread = (await anna.get('/api/v1/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });

    const ben = await kefu.login('ben', TEST_PASSWORD);
    expect((await ben.post(`/api/v1/notifications/${first.items[1].id}/read`)).statusCode).toBe(404);

    const all = await anna.post('/api/v1/notifications/read-all', {});
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ updated: 2 });
    expect((await anna.get('/api/v1/notifications')).json()).toMatchObject({ total: 3, unread: 0 });
    // Nobody else's notices are touched.
    expect((await ben.get('/api/v1/notifications')).json()).toMatchObject({ total: 1, unread: 1 });
    expect((await anna.post('/api/v1/notifications/read-all', {})).json()).toEqual({ updated: 0 });
  });
});
