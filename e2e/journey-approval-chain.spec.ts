import { expect as baseExpect } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { call, test } from './helpers';

// Issue 21 (JRN-5): a construction open day before plastering. Its sign-off runs its own chain —
// the usual supervisor or manager, then the vice-president — and the approval page shows each step
// with who signed it and whom the request waits for, in Chinese and in English.
const PASSWORD = 'Kefu2026demo';
const expect = baseExpect.configure({ timeout: 30_000 });

type Journey = {
  id: string;
  stage: string | null;
  missing: { forms: string[]; fields: string[]; documents: string[] };
  approvalRequests: { key: string; approvalId: string | null }[];
};

async function open(browser: Browser, user: string, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale: language });
  await context.addInitScript((lng) => localStorage.setItem('kefu.language', lng), language);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(language === 'en' ? 'Username' : '用户名').fill(user);
  await page.getByLabel(language === 'en' ? 'Password' : '密码').fill(PASSWORD);
  await page.getByRole('button', { name: language === 'en' ? 'Log in' : /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

test('JRN-5: the open day before plastering waits for the vice-president after the general manager signed; the approval page names who signed and who is next', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const supervisor = await open(browser, 'hq.supervisor');
  const gm = await open(browser, 'gm.zhou');
  const me = await call(supervisor, 'GET', '/api/v1/me');

  // A copy of the shipped template under this run's own name, so the request's title is unique.
  const { items } = await call(supervisor, 'GET', '/api/v1/journeys/templates');
  const shipped = items
    .filter((t: { code: string }) => t.code === 'real_estate_phases')
    .sort((a: { version: number }, b: { version: number }) => b.version - a.version)[0].definition;
  const code = `real_estate_e2e_${stamp}`;
  const { version: _v, ...definition } = shipped;
  await call(supervisor, 'POST', '/api/v1/journeys/templates', {
    ...definition,
    code,
    nameZh: `地产项目${stamp}`,
    nameEn: `Real estate ${stamp}`,
  });
  const customer = await call(supervisor, 'POST', '/api/v1/customers', {
    unitId: me.memberships[0].unitId,
    name: `业主${stamp}`,
    phones: [{ number: `137${String(Date.now()).slice(-8)}` }],
  });
  let j: Journey = await call(supervisor, 'POST', '/api/v1/journeys', {
    templateCode: code,
    customerId: customer.id,
  });
  while (j.stage !== 'open_day') {
    await call(supervisor, 'POST', `/api/v1/journeys/${j.id}/record`, {
      forms: j.missing.forms,
      documents: j.missing.documents,
    });
    j = await call(supervisor, 'POST', `/api/v1/journeys/${j.id}/leave`, {});
  }
  // Plastering not done yet.
  await call(supervisor, 'POST', `/api/v1/journeys/${j.id}/record`, {
    fields: { openDayAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), plasteringDone: false },
    documents: ['open_day_letter'],
  });
  j = await call(supervisor, 'POST', `/api/v1/journeys/${j.id}/approvals`, { key: 'open_day_sign_off' });
  const approvalId = j.approvalRequests.find((a) => a.key === 'open_day_sign_off')!.approvalId;
  await call(gm, 'POST', `/api/v1/approvals/${approvalId}/approve`);

  // The vice-president's inbox: the first step signed by 周建国, the second waiting for them.
  const vp = await open(browser, 'hq.vp');
  await vp.goto('/approvals');
  const card = vp.getByTestId('approval-card').filter({ hasText: `地产项目${stamp}` });
  await expect(card.getByTestId('approval-chain')).toContainText('客服主管或经理签字');
  await expect(card.getByTestId('approval-chain-signed')).toContainText('周建国 已签字');
  await expect(card.getByTestId('approval-chain-next')).toHaveText('等待 副总裁 签字');

  const vpEn = await open(browser, 'hq.vp', 'en');
  await vpEn.goto('/approvals');
  const cardEn = vpEn.getByTestId('approval-card').filter({ hasText: `地产项目${stamp}` });
  await expect(cardEn.getByTestId('approval-chain')).toContainText(
    'Vice-president signs (plastering not done)',
  );
  await expect(cardEn.getByTestId('approval-chain-signed')).toContainText('Signed by 周建国');
  await expect(cardEn.getByTestId('approval-chain-next')).toHaveText('Waiting for: Vice-president');

  await card.getByRole('button', { name: /批\s*准/ }).click();
  await expect(vp.getByTestId('approval-card').filter({ hasText: `地产项目${stamp}` })).toHaveCount(0);
  const done: Journey = await call(supervisor, 'POST', `/api/v1/journeys/${j.id}/leave`, {});
  expect(done.stage).toBe('pre_handover');
});
