import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { SCREENS, login, test } from './helpers';

// 发件箱 and 消息模板 (issue 6): a follow-up SMS reaches the outbox, shows its state and attempt
// log, and the page says plainly that the demo channel sends nothing; a supervisor gives the
// store its own template text with a variable chip and sees the live preview.
const PASSWORD = 'Kefu2026demo';

async function ok(page: Page, method: 'GET' | 'POST', path: string, data?: unknown) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kefu_csrf')?.value ?? '';
  const res = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  const body = await res.json().catch(() => null);
  expect(res.status(), JSON.stringify(body)).toBeLessThan(300);
  return body;
}

test('the outbox shows a follow-up SMS with its attempts and the demo-channel warning; a template is customised with a live preview', async ({
  page,
}) => {
  await login(page, 'sh.agent', PASSWORD);
  await expect(page).toHaveURL(/\/desk$/);
  // A closed ticket's follow-up call, unanswered three times, sends the fallback SMS (CARE-2).
  const me = await ok(page, 'GET', '/api/v1/me');
  const unitId = me.memberships[0].unitId as string;
  const name = `发件箱客户${Date.now() % 100000}`;
  const customer = await ok(page, 'POST', '/api/v1/customers', {
    unitId,
    name,
    phones: [{ number: '13900002222' }],
  });
  const ticket = await ok(page, 'POST', '/api/v1/tickets', {
    unitId,
    type: 'repair',
    channel: 'phone',
    subject: '热水器不出热水',
    customerId: customer.id,
  });
  for (const to of ['in_progress', 'resolved', 'closed'])
    await ok(page, 'POST', `/api/v1/tickets/${ticket.id}/transition`, { to });
  const task = (await ok(page, 'GET', '/api/v1/care/tasks?due=all')).items.find(
    (i: { customer: { name: string } | null }) => i.customer?.name === name,
  ).task;
  for (let i = 0; i < 3; i++) {
    await ok(page, 'POST', `/api/v1/care/tasks/${task.id}/claim`);
    await ok(page, 'POST', `/api/v1/care/tasks/${task.id}/attempts`, { outcome: 'no_answer' });
  }

  await page.getByRole('menuitem', { name: '发件箱' }).click();
  await expect(page.getByTestId('demo-provider-banner')).toContainText(
    '当前为演示发送通道：消息只保存在发件箱，不会真正发出',
  );
  // CUS-4: the agent sees the number masked, as on the customer card.
  const row = page.getByTestId('outbox-table').locator('tr').filter({ hasText: '139****2222' });
  await expect(row).toBeVisible();
  // Issue 16 item 8: under a banner saying nothing leaves, a message is never called 已发出, and
  // the banner speaks to agents, not in configuration variables.
  await expect(row.getByTestId('message-state')).toHaveText(/排队中|仅存于发件箱，未发出/);
  await expect(page.getByTestId('demo-provider-banner')).not.toContainText('KEFU_');
  await page.screenshot({ path: `${SCREENS}/messages-outbox.png`, fullPage: true });
  await row.getByTestId('message-open').click();
  await expect(page.locator('.ant-drawer')).toContainText('139****2222');
  await expect(page.getByTestId('message-attempts')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/messages-outbox-detail.png`, fullPage: true });

  // A supervisor of the region writes the store's own fallback text.
  const supervisor = await (await page.context().browser()!.newContext()).newPage();
  await login(supervisor, 'east.supervisor', PASSWORD);
  await supervisor.goto('/messages/templates');
  const fallback = supervisor
    .getByTestId('templates-table')
    .locator('tr')
    .filter({ hasText: 'care_sms_fallback' });
  await expect(fallback).toContainText('系统默认');
  // CARE-4: the unit's contact hours sit beside its templates.
  await expect(supervisor.getByTestId('contact-hours')).toContainText('联系时段');
  await fallback.getByTestId('template-edit').click();
  const body = supervisor.getByTestId('template-body');
  await body.fill('{{customerName}}您好，我们是华东区域客服，几次来电都没能联系上您，有需要请回电');
  await supervisor.getByTestId('variable-chips').getByText('门店电话').click();
  await expect(body).toHaveValue(/\{\{storePhone\}\}/);
  await expect(supervisor.getByTestId('template-preview')).toContainText('王女士您好，我们是华东区域客服');
  await expect(supervisor.getByTestId('template-preview')).toContainText('010-88886666');
  await supervisor.screenshot({ path: `${SCREENS}/messages-template-editor.png`, fullPage: true });
  await supervisor.getByRole('button', { name: /OK|确 ?定/ }).click();
  await expect(fallback).toContainText('本单位');
  await supervisor.screenshot({ path: `${SCREENS}/messages-templates.png`, fullPage: true });
  // Put the shipped text back so the run leaves the demo as it was.
  await fallback.getByRole('button', { name: '恢复上级/默认' }).click();
  await supervisor
    .getByRole('button', { name: /OK|确 ?定/ })
    .last()
    .click();
  await expect(fallback).toContainText('系统默认');
});
