import { expect } from '@playwright/test';
import { ADMIN, SCREENS, test } from './helpers';
import { startSsoVendor, WECOM_SSO } from '../src/server/modules/auth/auth.sso.test-servers';

const APP_NAME = 'E2E 企业微信登录';

test('issue 22: the login page shows 企业微信登录 only when configured; a bound WeCom user signs in with it', async ({
  page,
  browser,
}) => {
  const vendor = await startSsoVendor();
  let createdAccount: {
    id: string;
    unitId: string;
    kind: string;
    name: string;
    settings: Record<string, unknown>;
  } | null = null;
  try {
    // The administrator's part goes through the API: the browser part is the login page.
    expect((await page.request.post('/api/v1/auth/login', { data: ADMIN })).status()).toBe(200);
    const csrf = (await page.context().cookies()).find((c) => c.name === 'kefu_csrf')!.value;
    const headers = { 'x-csrf-token': csrf };
    type Account = {
      id: string;
      unitId: string;
      kind: string;
      name: string;
      settings: Record<string, unknown>;
    };
    // Earlier runs' apps point at vendors that are gone: switch them off, then none offers sign-in.
    const accounts = (await (await page.request.get('/api/v1/channels')).json()) as Account[];
    for (const a of accounts.filter((x) => x.name.startsWith(APP_NAME)))
      expect(
        (
          await page.request.put(`/api/v1/channels/${a.id}`, {
            headers,
            data: {
              unitId: a.unitId,
              kind: a.kind,
              name: a.name,
              enabled: false,
              settings: a.settings,
              secrets: {},
            },
          })
        ).status(),
      ).toBe(200);
    const guest = await browser.newPage();
    const providers = (await (await guest.request.get('/api/v1/auth/sso')).json()) as { providers: string[] };
    if (!providers.providers.includes('wecom')) {
      await guest.goto('/login');
      await expect(guest.getByLabel('用户名')).toBeVisible();
      await expect(guest.getByTestId('login-sso-wecom')).toHaveCount(0);
    }

    const units = (await (await page.request.get('/api/v1/units')).json()).items as {
      id: string;
      path: string[];
    }[];
    const hq = units.find((u) => u.path.length === 1)!;
    const created = await page.request.post('/api/v1/channels', {
      headers,
      data: {
        kind: 'wecom_app',
        name: `${APP_NAME} ${Date.now()}`,
        unitId: hq.id,
        settings: {
          corpId: WECOM_SSO.corpId,
          agentId: WECOM_SSO.agentId,
          apiBase: vendor.url,
          loginBase: vendor.url,
          login: true,
        },
        secrets: { corpSecret: WECOM_SSO.corpSecret },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    createdAccount = (await created.json()) as Account;

    // A person whose WeCom userid the administrator set.
    const roles = (await (await page.request.get('/api/v1/roles')).json()).items as {
      id: string;
      code: string;
    }[];
    const username = `sso.e2e.${Date.now()}`;
    const wecomId = `E2E${Date.now()}`;
    const user = await page.request.post('/api/v1/users', {
      headers,
      data: {
        username,
        displayName: '扫码登录的客服',
        password: 'Passw0rd!e2e',
        memberships: [{ unitId: hq.id, roleId: roles.find((r) => r.code === 'agent')!.id }],
      },
    });
    expect(user.status(), await user.text()).toBe(201);
    const set = await page.request.put(`/api/v1/channels/staff-ids/${(await user.json()).id}`, {
      headers,
      data: { wecomUserId: wecomId, dingtalkUserId: null },
    });
    expect(set.status()).toBe(200);

    await guest.goto('/login');
    const button = guest.getByTestId('login-sso-wecom');
    await expect(button).toBeVisible();
    await expect(button).toHaveText(/企业微信登录/);
    await guest.screenshot({ path: `${SCREENS}/login-sso.png` });

    // Scanning as that person: WeCom sends the browser back with a code, and Kefu signs them in.
    vendor.person.wecom = wecomId;
    await button.click();
    await guest.waitForURL((u) => u.pathname === '/');
    // Signed in as that person.
    expect(((await (await guest.request.get('/api/v1/me')).json()) as { username: string }).username).toBe(
      username,
    );

    // Somebody nobody bound is turned away with the reason in Chinese.
    vendor.person.wecom = 'NotBound';
    const stranger = await browser.newPage();
    await stranger.goto('/login');
    await stranger.getByTestId('login-sso-wecom').click();
    await expect(stranger.getByTestId('login-sso-error')).toContainText('还没有绑定客服系统账号');
  } finally {
    await vendor.close();
    // The app points at this test's vendor: switched off again so later specs see a plain login page.
    if (createdAccount) {
      const csrf = (await page.context().cookies()).find((c) => c.name === 'kefu_csrf')?.value ?? '';
      const a = createdAccount;
      await page.request.put(`/api/v1/channels/${a.id}`, {
        headers: { 'x-csrf-token': csrf },
        data: {
          unitId: a.unitId,
          kind: a.kind,
          name: a.name,
          enabled: false,
          settings: a.settings,
          secrets: {},
        },
      });
    }
  }
});
