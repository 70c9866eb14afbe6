import { expect } from '@playwright/test';
import { call, login, SCREENS, signIn, test } from './helpers';

// Issue 16 item 5: a session that ends while an agent types does not lose the text. The reply box
// and the intake form keep drafts per user in the browser, the login page says the session
// expired, and logging in again returns to the page with the draft in place.
const AGENT = { username: 'sh.agent', password: 'Kefu2026demo' };
const REPLY = '您好，衣柜门板的更换件已到店，师傅明天上午上门安装。';

test('a reply typed when the session expires is kept: 会话已过期, log in, the draft is back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, AGENT.username, AGENT.password);
  const me = await call(page, 'GET', '/api/v1/me');
  const ticket = await call(page, 'POST', '/api/v1/tickets', {
    unitId: me.memberships[0].unitId,
    type: 'soft_complaint',
    channel: 'phone',
    subject: '安装师傅迟到',
  });
  await page.goto(`/tickets/${ticket.id}`);
  await page.getByTestId('composer-text').fill(REPLY);
  // The session ends on the server (as when it times out or is ended elsewhere).
  await call(page, 'POST', '/api/v1/auth/logout', {});
  await page.getByTestId('composer-send').click();

  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByTestId('login-expired')).toContainText('会话已过期，请重新登录');
  await page.screenshot({ path: `${SCREENS}/session-expired.png` });
  await page.getByLabel('用户名').fill(AGENT.username);
  await page.getByLabel('密码').fill(AGENT.password);
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
  await expect(page.getByTestId('composer-text')).toHaveValue(REPLY, { timeout: 45_000 });
  // Sent now, the draft is gone: a reload shows an empty box.
  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('timeline-reply').last()).toContainText('更换件已到店');
  await page.reload();
  await expect(page.getByTestId('composer-text')).toHaveValue('', { timeout: 45_000 });
});

test('the intake form survives an expired session too; a first visit to the login page says nothing of expiry', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/login');
  await expect(page.getByTestId('login-expired')).toHaveCount(0);
  await login(page, AGENT.username, AGENT.password);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto('/desk');
  await page.getByTestId('intake-type').click({ timeout: 45_000 });
  await page.keyboard.type('zxzj');
  await page.keyboard.press('Enter');
  await page.getByTestId('intake-subject').fill('询问床垫保修');
  await page.getByTestId('intake-description').fill('客户三年前购买的床垫出现塌陷。');
  await call(page, 'POST', '/api/v1/auth/logout', {});
  await page.getByTestId('intake-description').press('Control+Enter');
  await expect(page.getByTestId('login-expired')).toBeVisible();
  await page.getByLabel('用户名').fill(AGENT.username);
  await page.getByLabel('密码').fill(AGENT.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByTestId('intake-subject')).toHaveValue('询问床垫保修', { timeout: 45_000 });
  await expect(page.getByTestId('intake-type')).toContainText('咨询');
  await expect(page.getByTestId('intake-description')).toHaveValue('客户三年前购买的床垫出现塌陷。');
});
