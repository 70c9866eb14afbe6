import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation } from '../../test/factories';
import { AppError } from '../../app/errors';
import { customerLinks } from './customer-links.table';
import { loadConfig } from '../../app/config';
import {
  createCustomerLink,
  customerLinkAddress,
  resolveCustomerLink,
  revokeCustomerLinks,
} from './customer-links.service';

const DAY = 24 * 3600 * 1000;

describe('customer links (PORTAL-2)', () => {
  let kefu: TestKefu;
  let unitId: string;
  beforeAll(async () => {
    kefu = await createTestKefu();
    unitId = (await buildOrganisation(await kefu.login('admin'))).storeA.id;
  });
  afterAll(() => kefu.close());

  const newLink = (subjectId = randomUUID(), days = 7) =>
    kefu.deps.db.transaction((tx) =>
      createCustomerLink(kefu.deps, tx, {
        subjectType: 'survey_invitation',
        subjectId,
        customerId: null,
        unitId,
        purpose: 'survey',
        expiresAt: new Date(kefu.clock.now().getTime() + days * DAY),
      }),
    );
  const codeOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, status: (err as AppError).status };
  };

  it('PORTAL-2: a link is unguessable, opens its own subject only, and its token is never stored', async () => {
    const subjectId = randomUUID();
    const link = await newLink(subjectId);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`/c/${link.token}`);
    const row = await resolveCustomerLink(kefu.deps, kefu.deps.db, link.token, 'survey_invitation');
    expect(row.subjectId).toBe(subjectId);
    expect(row.lastOpenedAt).not.toBeNull();
    const stored = await kefu.deps.db.select().from(customerLinks);
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(link.token);
    // The same token does not open another kind of page, and a guess is a plain 404.
    expect(await codeOf(resolveCustomerLink(kefu.deps, kefu.deps.db, link.token, 'workorder'))).toEqual({
      code: 'customer_link.not_found',
      status: 404,
    });
    const guess = 'A'.repeat(43);
    expect(
      (await codeOf(resolveCustomerLink(kefu.deps, kefu.deps.db, guess, 'survey_invitation'))).status,
    ).toBe(404);
    expect(
      (await codeOf(resolveCustomerLink(kefu.deps, kefu.deps.db, '../x', 'survey_invitation'))).status,
    ).toBe(404);
  });

  it('PORTAL-2: links expire and can be revoked', async () => {
    const expiring = await newLink(randomUUID(), 1);
    const revokedSubject = randomUUID();
    const revoked = await newLink(revokedSubject);
    const count = await kefu.deps.db.transaction((tx) =>
      revokeCustomerLinks(kefu.deps, tx, { subjectType: 'survey_invitation', subjectId: revokedSubject }),
    );
    expect(count).toBe(1);
    expect(
      await codeOf(resolveCustomerLink(kefu.deps, kefu.deps.db, revoked.token, 'survey_invitation')),
    ).toEqual({
      code: 'customer_link.expired',
      status: 410,
    });
    kefu.clock.advanceBy(DAY + 1000);
    expect(
      (await codeOf(resolveCustomerLink(kefu.deps, kefu.deps.db, expiring.token, 'survey_invitation')))
        .status,
    ).toBe(410);
    expect((await codeOf(newLink(randomUUID(), -1))).code).toBe('customer_link.expiry_not_in_future');
  });

  it('PORTAL-2: links in messages start with KEFU_PUBLIC_URL when it is set, else stay relative', () => {
    const withAddress = loadConfig({ KEFU_PUBLIC_URL: 'https://kefu.example.cn/' });
    expect(customerLinkAddress({ config: withAddress }, '/c/s/abc')).toBe('https://kefu.example.cn/c/s/abc');
    expect(customerLinkAddress({ config: loadConfig({}) }, '/c/s/abc')).toBe('/c/s/abc');
    expect(() => loadConfig({ KEFU_PUBLIC_URL: 'ftp://kefu.example.cn' })).toThrow(/KEFU_PUBLIC_URL/);
  });
});
